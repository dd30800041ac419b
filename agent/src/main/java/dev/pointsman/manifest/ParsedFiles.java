package dev.pointsman.manifest;

import dev.pointsman.model.ManifestFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML trees of the last load, kept by path and exact content, so that loading the next commit
 * parses only the files that changed (a promotion touches one file of thousands). Validation still
 * runs over every document: cross-document rules need the whole set. Holds one commit's trees at
 * most: entries not used by a load are dropped when it ends.
 */
final class ParsedFiles {
  private final YamlReader yaml;
  private Map<String, Entry> previous = new HashMap<>();
  private Map<String, Entry> current = new HashMap<>();
  private int parsed;

  ParsedFiles(YamlReader yaml) {
    this.yaml = yaml;
  }

  private record Entry(
      ManifestFile file, List<YamlDocument> documents, List<ManifestError> errors) {
    boolean sameAs(ManifestFile other) {
      return file.refusal().equals(other.refusal())
          && Arrays.equals(file.content(), other.content());
    }
  }

  /** A map that holds {@code n} entries without growing. */
  static <K, V> Map<K, V> sized(int n) {
    return new HashMap<>((int) (n / 0.75f) + 1);
  }

  void begin() {
    current = sized(previous.size() + 16);
    parsed = 0;
  }

  /**
   * Starts a load that reads only changed files: every file it does not read or {@link #forget}
   * stays known.
   */
  void beginUpdate() {
    current = previous;
    parsed = 0;
  }

  /** Drops a file that no longer exists. */
  void forget(String path) {
    current.remove(path);
  }

  /** Ends a load: forgets every file it did not read; returns how many files it parsed. */
  int end() {
    previous = current;
    current = new HashMap<>();
    return parsed;
  }

  /** Keeps the trees of {@code file}, unchanged and not read by this load, for the next one. */
  void retain(ManifestFile file) {
    if (current.containsKey(file.path())) return;
    Entry known = previous.get(file.path());
    if (known != null && known.sameAs(file)) current.put(file.path(), known);
  }

  /** The documents of {@code file} (errors added to {@code errors}), parsed only if new. */
  List<YamlDocument> read(ManifestFile file, List<ManifestError> errors) {
    Entry known = current.get(file.path());
    if (known == null) known = previous.get(file.path());
    if (known == null || !known.sameAs(file)) {
      List<ManifestError> own = new ArrayList<>();
      known = new Entry(file, yaml.read(file, own), List.copyOf(own));
      parsed++;
    }
    current.put(file.path(), known);
    errors.addAll(known.errors());
    return known.documents();
  }
}
