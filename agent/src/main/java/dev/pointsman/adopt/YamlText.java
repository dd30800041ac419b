package dev.pointsman.adopt;

import dev.pointsman.promote.YamlScalars;
import java.util.Map;

/**
 * Writes one manifest document in the style of manifests-example: two-space indentation, fields in
 * the documented order, plain scalars where YAML reads them back as the same string, and quoted
 * ones (escaped by Jackson's YAML writer) everywhere else.
 */
final class YamlText {
  private final StringBuilder out = new StringBuilder();

  /** A scalar YAML reads back as exactly {@code value}, as a string. */
  static String scalar(String value) {
    return YamlScalars.scalar(value);
  }

  /** A version number as the examples write it ({@code version: 7}); anything else as a scalar. */
  static String version(String value) {
    return value.matches("[1-9][0-9]{0,9}") ? value : scalar(value);
  }

  /** Always double-quoted: ids such as "12345678" or "5e12" that YAML would read as numbers. */
  static String quoted(String value) {
    return YamlScalars.quoted(value);
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
