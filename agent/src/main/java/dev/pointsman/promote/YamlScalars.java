package dev.pointsman.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * YAML scalars written so that YAML reads them back as exactly the string given: plain where that
 * is safe, double-quoted (escaped by Jackson's YAML writer) everywhere else. Used by {@code import}
 * (whole files) and {@code promote} (values replaced in place).
 */
public final class YamlScalars {
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

  private YamlScalars() {}

  /** True when {@code value} can be written plain and still read back as this string. */
  public static boolean plain(String value) {
    return PLAIN.matcher(value).matches()
        && !RESERVED.contains(value.toLowerCase(Locale.ROOT))
        && !NUMBER_LIKE.matcher(value).matches()
        && !value.contains(": ")
        && !value.endsWith(":");
  }

  /** {@code value} plain when that is safe, double-quoted otherwise. */
  public static String scalar(String value) {
    return plain(value) ? value : quoted(value);
  }

  /** Always double-quoted: ids such as "12345678" or "5e12" that YAML would read as numbers. */
  public static String quoted(String value) {
    try {
      String written = QUOTING.writeValueAsString(value).strip();
      // The emitter marks a document holding only an empty scalar even without start markers.
      return written.startsWith("--- ") ? written.substring(4) : written;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a YAML string", e);
    }
  }
}
