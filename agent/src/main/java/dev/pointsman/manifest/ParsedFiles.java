package dev.pointsman.manifest;

import dev.pointsman.model.ManifestFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * A file's trees; for a file of many documents also which documents each chunk of it (see {@link
   * DocumentChunks}) holds, by the chunk's first line, so that the next version of the file parses
   * only the documents that changed.
   */
  private record Entry(
      ManifestFile file,
      List<YamlDocument> documents,
      List<ManifestError> errors,
      Map<Integer, Part> parts) {
    boolean sameAs(ManifestFile other) {
      return file.refusal().equals(other.refusal())
          && Arrays.equals(file.content(), other.content());
    }

    /** The documents of {@code chunk} of {@code content} when this file had the very same chunk. */
    Optional<List<YamlDocument>> unchanged(byte[] content, DocumentChunks.Chunk chunk) {
      Part part = parts.get(chunk.firstLine());
      if (part == null) return Optional.empty();
      DocumentChunks.Chunk was = part.chunk();
      boolean same =
          Arrays.equals(file.content(), was.from(), was.to(), content, chunk.from(), chunk.to());
      return same ? Optional.of(part.documents()) : Optional.empty();
    }
  }

  /** One chunk of a file and the documents parsed from it. */
  private record Part(DocumentChunks.Chunk chunk, List<YamlDocument> documents) {}

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
      Optional<Entry> patched = known == null ? Optional.empty() : changedChunks(known, file);
      known = patched.orElseGet(() -> whole(file));
      parsed++;
    }
    current.put(file.path(), known);
    errors.addAll(known.errors());
    return known.documents();
  }

  private Entry whole(ManifestFile file) {
    List<ManifestError> own = new ArrayList<>();
    List<YamlDocument> documents = yaml.read(file, own);
    return new Entry(
        file, documents, List.copyOf(own), own.isEmpty() ? parts(file, documents) : Map.of());
  }

  /** Which documents each chunk holds: those whose first line is within it. */
  private static Map<Integer, Part> parts(ManifestFile file, List<YamlDocument> documents) {
    if (file.refusal().isPresent()) return Map.of();
    Optional<List<DocumentChunks.Chunk>> chunks = DocumentChunks.split(file.content());
    if (chunks.isEmpty()) return Map.of();
    Map<Integer, Part> parts = sized(chunks.get().size());
    int d = 0;
    List<DocumentChunks.Chunk> all = chunks.get();
    for (int c = 0; c < all.size(); c++) {
      int end = c + 1 < all.size() ? all.get(c + 1).firstLine() : Integer.MAX_VALUE;
      List<YamlDocument> mine = new ArrayList<>();
      while (d < documents.size() && documents.get(d).startLine() < end)
        mine.add(documents.get(d++));
      parts.put(all.get(c).firstLine(), new Part(all.get(c), List.copyOf(mine)));
    }
    return parts;
  }

  /**
   * {@code file}, a new version of {@code known}, parsed chunk by chunk: unchanged chunks keep
   * their trees, changed ones are parsed alone (with their own line numbers). Empty when that
   * cannot give what parsing the whole file gives (no chunks, an error, too many documents).
   */
  private Optional<Entry> changedChunks(Entry known, ManifestFile file) {
    if (known.parts().isEmpty() || file.refusal().isPresent()) return Optional.empty();
    if (file.content().length > YamlReader.MAX_FILE_BYTES) return Optional.empty();
    Optional<List<DocumentChunks.Chunk>> chunks = DocumentChunks.split(file.content());
    if (chunks.isEmpty()) return Optional.empty();
    List<YamlDocument> documents = new ArrayList<>();
    Map<Integer, Part> parts = sized(chunks.get().size());
    for (DocumentChunks.Chunk chunk : chunks.get()) {
      List<YamlDocument> mine = known.unchanged(file.content(), chunk).orElse(null);
      if (mine == null) {
        List<ManifestError> own = new ArrayList<>();
        byte[] alone = DocumentChunks.alone(file.content(), chunk);
        mine = yaml.read(new ManifestFile(file.path(), alone), own);
        if (!own.isEmpty()) return Optional.empty(); // the whole file's parse reports it exactly
      }
      documents.addAll(mine);
      parts.put(chunk.firstLine(), new Part(chunk, mine));
      if (documents.size() > YamlReader.MAX_DOCUMENTS) return Optional.empty();
    }
    return Optional.of(new Entry(file, List.copyOf(documents), List.of(), parts));
  }
}
