package dev.pointsman.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One YAML document of a file, with the line of every value keyed by JSON pointer. */
record YamlDocument(String file, JsonNode root, Map<String, Integer> lines, int startLine) {
  int lineOf(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) return line;
      int cut = p.lastIndexOf('/');
      if (cut < 0) return startLine;
      p = p.substring(0, cut);
    }
  }
}
