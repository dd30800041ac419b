package dev.pointsman.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.pointsman.model.ManifestFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses manifest files into trees while remembering the line of every value. Hostile input is
 * refused early and cheaply: files over {@link #MAX_FILE_BYTES}, nesting deeper than {@link
 * #MAX_DEPTH}, and YAML aliases (Jackson does not expand them, so they would silently read as the
 * alias name, and refusing them also rules out "billion laughs" expansion).
 */
final class YamlReader {
  static final int MAX_FILE_BYTES = ManifestFile.MAX_BYTES;
  static final int MAX_DEPTH = 20;
  static final int MAX_DOCUMENTS = 10_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final YAMLFactory factory;

  YamlReader() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH + 5);
    options.setCodePointLimit(MAX_FILE_BYTES + 1);
    factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 5)
                    .maxStringLength(MAX_FILE_BYTES)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  /** Documents of the file, or errors; empty documents are skipped. */
  List<YamlDocument> read(ManifestFile file, List<ManifestError> errors) {
    if (file.refusal().isPresent()) {
      errors.add(new ManifestError(file.path(), 0, "", file.refusal().get()));
      return List.of();
    }
    if (file.content().length > MAX_FILE_BYTES) {
      errors.add(
          new ManifestError(
              file.path(),
              0,
              "",
              "file is larger than the limit of " + MAX_FILE_BYTES + " bytes per manifest file"));
      return List.of();
    }
    List<YamlDocument> docs = new ArrayList<>();
    try (JsonParser parser = factory.createParser(file.content())) {
      while (parser.nextToken() != null) {
        if (docs.size() >= MAX_DOCUMENTS) {
          throw new Refused("more than " + MAX_DOCUMENTS + " documents in one file", line(parser));
        }
        int startLine = line(parser);
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root = value((YAMLParser) parser, "", 0, lines);
        boolean empty = root.isNull() || (root.isTextual() && root.asText().isEmpty());
        if (!empty) docs.add(new YamlDocument(file.path(), root, lines, startLine));
      }
    } catch (Refused e) {
      errors.add(new ManifestError(file.path(), e.line, "", e.getMessage()));
      return List.of();
    } catch (JsonProcessingException e) {
      errors.add(syntaxError(file.path(), e));
      return List.of();
    } catch (IOException | RuntimeException e) {
      errors.add(new ManifestError(file.path(), 0, "", "unreadable YAML: " + e.getMessage()));
      return List.of();
    }
    return docs;
  }

  private JsonNode value(YAMLParser p, String pointer, int depth, Map<String, Integer> lines)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new Refused("nesting deeper than " + MAX_DEPTH + " levels", line(p));
    }
    if (p.isCurrentAlias()) {
      throw new Refused(
          "YAML aliases (*" + p.getText() + ") are not supported in manifests", line(p));
    }
    lines.putIfAbsent(pointer, line(p));
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        ObjectNode node = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
          lines.put(child, line(p));
          p.nextToken();
          node.set(name, value(p, child, depth + 1, lines));
        }
        return node;
      }
      case START_ARRAY -> {
        ArrayNode node = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          node.add(value(p, pointer + "/" + node.size(), depth + 1, lines));
        }
        return node;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return NODES.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(p.getBooleanValue());
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new Refused("unsupported YAML value (" + token + ")", line(p));
    }
  }

  /** SnakeYAML knows the exact line and a short problem text; Jackson's wrapper is coarser. */
  private static ManifestError syntaxError(String file, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      String problem = m.getProblem() == null ? m.getMessage() : m.getProblem();
      return new ManifestError(
          file, m.getProblemMark().getLine() + 1, "", "invalid YAML: " + oneLine(problem));
    }
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    return new ManifestError(file, line, "", "invalid YAML: " + oneLine(e.getOriginalMessage()));
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s*\\n\\s*", "; ").trim();
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private static final class Refused extends RuntimeException {
    final int line;

    Refused(String message, int line) {
      super(message);
      this.line = line;
    }
  }
}
