package dev.pointsman.adopt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one manifest document in the style of manifests-example: two-space indentation, fields in
 * the documented order, plain scalars where YAML reads them back as the same string, and quoted
 * ones (escaped by Jackson's YAML writer) everywhere else.
 */
final class YamlText {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$/][A-Za-z0-9_.$/@:=+-]*");
  private static final Pattern NUMBER_LIKE =
      Pattern.compile("[-+]?(\\.?[0-9].*|\\.inf|\\.nan)", Pattern.CASE_INSENSITIVE);
  private static final Set<String> RESERVED =
      Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");
  private static final YAMLMapper QUOTING =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .build();

  private final StringBuilder out = new StringBuilder();

  /** A scalar YAML reads back as exactly {@code value}, as a string. */
  static String scalar(String value) {
    boolean plain =
        PLAIN.matcher(value).matches()
            && !RESERVED.contains(value.toLowerCase(Locale.ROOT))
            && !NUMBER_LIKE.matcher(value).matches()
            && !value.contains(": ")
            && !value.endsWith(":");
    return plain ? value : quoted(value);
  }

  /** A version number as the examples write it ({@code version: 7}); anything else as a scalar. */
  static String version(String value) {
    return value.matches("[1-9][0-9]{0,9}") ? value : scalar(value);
  }

  /** Always double-quoted: ids such as "12345678" or "5e12" that YAML would read as numbers. */
  static String quoted(String value) {
    try {
      String written = QUOTING.writeValueAsString(value).strip();
      // The emitter marks a document holding only an empty scalar even without start markers.
      return written.startsWith("--- ") ? written.substring(4) : written;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a YAML string", e);
    }
  }

  YamlText comment(String text) {
    // YAML also breaks lines at NEL, LS and PS: none of them may end the comment early.
    out.append("# ").append(text.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " "));
    out.append('\n');
    return this;
  }

  YamlText field(int indent, String key, String renderedValue) {
    out.append("  ".repeat(indent)).append(scalar(key)).append(": ").append(renderedValue);
    out.append('\n');
    return this;
  }

  YamlText open(int indent, String key) {
    out.append("  ".repeat(indent)).append(scalar(key)).append(":\n");
    return this;
  }

  /** {@code - key: value}, the first field of a list item at {@code indent}. */
  YamlText item(int indent, String key, String renderedValue) {
    out.append("  ".repeat(indent)).append("- ").append(scalar(key)).append(": ");
    out.append(renderedValue).append('\n');
    return this;
  }

  /** A map of strings, each value as a scalar; {@code {}} when empty. */
  YamlText map(int indent, String key, Map<String, String> values) {
    if (values.isEmpty()) return field(indent, key, "{}");
    open(indent, key);
    values.forEach((k, v) -> field(indent + 1, k, scalar(v)));
    return this;
  }

  /** The document header every kind shares. */
  YamlText header(String kind, String name) {
    field(0, "apiVersion", "pointsman.dev/v1");
    field(0, "kind", kind);
    open(0, "metadata");
    field(1, "name", scalar(name));
    open(0, "spec");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
