package dev.pointsman.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed, strict access to one mapping of a manifest. Every problem becomes a {@link ManifestError}
 * naming file, line and dotted field path, with what was expected and what was found; getters then
 * return empty so validation can go on and report every error of a commit at once.
 */
final class Fields {
  private final YamlDocument doc;
  private final JsonNode node;
  private final String pointer;
  private final List<ManifestError> errors;

  Fields(YamlDocument doc, JsonNode node, String pointer, List<ManifestError> errors) {
    this.doc = doc;
    this.node = node;
    this.pointer = pointer;
    this.errors = errors;
  }

  static Optional<Fields> root(YamlDocument doc, List<ManifestError> errors) {
    Fields root = new Fields(doc, doc.root(), "", errors);
    if (!doc.root().isObject()) {
      root.fail(
          "",
          "expected a mapping (apiVersion, kind, metadata, spec), found " + describe(doc.root()));
      return Optional.empty();
    }
    return Optional.of(root);
  }

  String file() {
    return doc.file();
  }

  int line() {
    return doc.lineOf(pointer);
  }

  int line(String name) {
    return doc.lineOf(child(name));
  }

  boolean isObject(String name) {
    return node.has(name) && node.get(name).isObject();
  }

  boolean has(String name) {
    return node.has(name) && !node.get(name).isNull();
  }

  /** Reports every key not in {@code allowed}: unknown fields are errors, never warnings. */
  void rejectUnknown(Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        fail(child(name), "unknown field; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  Optional<String> string(String name, boolean required, Pattern pattern, String expected) {
    Optional<JsonNode> value = value(name, required, expected);
    if (value.isEmpty()) return Optional.empty();
    JsonNode v = value.get();
    if (!v.isTextual()) {
      String hint =
          v.isNumber() || v.isBoolean()
              ? " (put it in quotes: YAML reads it unquoted as a "
                  + (v.isNumber() ? "number)" : "boolean)")
              : "";
      fail(child(name), "expected " + expected + ", found " + describe(v) + hint);
      return Optional.empty();
    }
    return matching(name, v.asText(), pattern, expected);
  }

  /**
   * A string that YAML users naturally write unquoted as an integer too (a Lambda version number);
   * floats and other types are rejected.
   */
  Optional<String> stringOrInteger(
      String name, boolean required, Pattern pattern, String expected) {
    Optional<JsonNode> value = value(name, required, expected);
    if (value.isEmpty()) return Optional.empty();
    JsonNode v = value.get();
    if (!v.isTextual() && !v.isIntegralNumber()) {
      fail(child(name), "expected " + expected + ", found " + describe(v));
      return Optional.empty();
    }
    return matching(name, v.asText(), pattern, expected);
  }

  Optional<BigDecimal> decimal(String name, boolean required, String expected) {
    Optional<JsonNode> value = value(name, required, expected);
    if (value.isEmpty()) return Optional.empty();
    JsonNode v = value.get();
    if (!v.isNumber()) {
      fail(child(name), "expected " + expected + ", found " + describe(v));
      return Optional.empty();
    }
    return Optional.of(v.decimalValue());
  }

  Optional<Boolean> bool(String name) {
    Optional<JsonNode> value = value(name, false, "true or false");
    if (value.isEmpty()) return Optional.empty();
    if (!value.get().isBoolean()) {
      fail(child(name), "expected true or false, found " + describe(value.get()));
      return Optional.empty();
    }
    return Optional.of(value.get().booleanValue());
  }

  Optional<Fields> object(String name, boolean required, String expected) {
    Optional<JsonNode> value = value(name, required, expected);
    if (value.isEmpty()) return Optional.empty();
    if (!value.get().isObject()) {
      fail(child(name), "expected " + expected + ", found " + describe(value.get()));
      return Optional.empty();
    }
    return Optional.of(new Fields(doc, value.get(), child(name), errors));
  }

  /** A mapping of string keys to scalar values; numbers and booleans are read as their text. */
  Optional<Map<String, String>> stringMap(
      String name, Pattern key, String keyExpected, Pattern value, String valueExpected) {
    Optional<Fields> map = object(name, false, "a mapping of names to values");
    if (map.isEmpty()) return Optional.empty();
    Fields m = map.get();
    Map<String, String> result = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!key.matcher(e.getKey()).matches()) {
        m.failField(
            e.getKey(), "expected a name of " + keyExpected + ", found " + quote(e.getKey()));
      } else if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
        m.failField(e.getKey(), "expected " + valueExpected + ", found " + describe(v));
      } else if (!value.matcher(v.asText()).matches()) {
        m.failField(e.getKey(), "expected " + valueExpected + ", found " + quote(v.asText()));
      } else {
        result.put(e.getKey(), v.asText());
      }
    }
    // Valid entries are returned even when others failed, so that they are checked too; the errors
    // recorded above already make the document invalid.
    return Optional.of(result);
  }

  /** A list of mappings, each returned as its own {@code Fields}. */
  List<Fields> objects(String name, boolean required, String expected) {
    Optional<JsonNode> value = value(name, required, expected);
    if (value.isEmpty()) return List.of();
    if (!value.get().isArray()) {
      fail(child(name), "expected " + expected + ", found " + describe(value.get()));
      return List.of();
    }
    List<Fields> items = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      JsonNode item = value.get().get(i);
      String pointer = child(name) + "/" + i;
      if (!item.isObject()) {
        fail(pointer, "expected a mapping, found " + describe(item));
      } else {
        items.add(new Fields(doc, item, pointer, errors));
      }
    }
    return items;
  }

  /** One scalar of a list, with a way to report a problem at its own line. */
  record Item(String text, Fields owner, String pointer) {
    void fail(String message) {
      owner.fail(pointer, message);
    }
  }

  /** A list of scalars (strings, or numbers read as their text). */
  List<Item> scalars(String name, String expected) {
    Optional<JsonNode> value = value(name, false, expected);
    if (value.isEmpty()) return List.of();
    if (!value.get().isArray()) {
      fail(child(name), "expected " + expected + ", found " + describe(value.get()));
      return List.of();
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      JsonNode item = value.get().get(i);
      String pointer = child(name) + "/" + i;
      if (item.isTextual() || item.isNumber()) {
        items.add(new Item(item.asText(), this, pointer));
      } else {
        fail(pointer, "expected " + expected + ", found " + describe(item));
      }
    }
    return items;
  }

  Optional<Integer> integer(String name, int min, int max) {
    String expected = "a whole number from " + min + " to " + max;
    Optional<JsonNode> value = value(name, false, expected);
    if (value.isEmpty()) return Optional.empty();
    JsonNode v = value.get();
    if (!v.isIntegralNumber()
        || v.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
        || v.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
      fail(child(name), "expected " + expected + ", found " + describe(v));
      return Optional.empty();
    }
    return Optional.of(v.intValue());
  }

  /** The path of this mapping in dotted form, for messages. */
  String path() {
    return dotted(pointer);
  }

  /** Reports a problem with field {@code name} of this mapping. */
  void failField(String name, String message) {
    fail(child(name), message);
  }

  /**
   * Reports a problem with a nested field, e.g. {@code failPath(msg, "secrets", "DB_PASSWORD")}.
   */
  void failPath(String message, String... names) {
    String p = pointer;
    for (String n : names) p = p + "/" + n.replace("~", "~0").replace("/", "~1");
    fail(p, message);
  }

  List<ManifestError> errors() {
    return errors;
  }

  private Optional<JsonNode> value(String name, boolean required, String expected) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) fail(child(name), "required field is missing; expected " + expected);
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private Optional<String> matching(String name, String text, Pattern pattern, String expected) {
    if (!pattern.matcher(text).matches()) {
      fail(child(name), "expected " + expected + ", found " + quote(text));
      return Optional.empty();
    }
    return Optional.of(text);
  }

  private String child(String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  private void fail(String fieldPointer, String message) {
    errors.add(
        new ManifestError(doc.file(), doc.lineOf(fieldPointer), dotted(fieldPointer), message));
  }

  static String dotted(String pointer) {
    List<String> parts = new ArrayList<>();
    for (String p : pointer.split("/")) {
      if (!p.isEmpty()) parts.add(p.replace("~1", "/").replace("~0", "~"));
    }
    return String.join(".", parts);
  }

  static String describe(JsonNode v) {
    if (v == null || v.isNull()) return "nothing (null)";
    if (v.isTextual()) return "the string " + quote(v.asText());
    if (v.isNumber()) return "the number " + number(v.decimalValue());
    if (v.isBoolean()) return "the boolean " + v.asText();
    if (v.isObject()) return "a mapping";
    if (v.isArray()) return "a list";
    return "an unsupported value";
  }

  /** A number as a user would recognise it: plain when short, scientific when huge. */
  static String number(BigDecimal n) {
    String plain = n.toPlainString();
    return plain.length() <= 24 ? plain : n.toString();
  }

  static String quote(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return "\"" + shown.replace("\"", "\\\"") + "\"";
  }
}
