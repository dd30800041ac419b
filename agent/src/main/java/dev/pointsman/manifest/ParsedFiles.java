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
   * A file's trees; for a file of many documents also its chunks (see {@link DocumentChunks}) in
   * order, each with the documents it holds, so that the next version of the file parses only the
   * documents that changed; and how it differs from the version it was patched from, if it was.
   */
  private record Entry(
      ManifestFile file,
      List<YamlDocument> documents,
      List<ManifestError> errors,
      List<Part> parts,
      Optional<Splice> splice) {
    boolean sameAs(ManifestFile other) {
      return file.refusal().equals(other.refusal())
          && Arrays.equals(file.content(), other.content());
    }
  }

  /** One chunk of a file and where its documents are in the file's list. */
  private record Part(DocumentChunks.Chunk chunk, int firstDocument, int documentCount) {}

  /**
   * A file's documents and, when it was patched from its previous version, how they differ from
   * that version's.
   */
  record Documents(List<YamlDocument> all, Optional<Splice> splice) {}

  /**
   * The documents of a file are those of {@code base} (the same objects) but for {@code removed} of
   * them from index {@code at}, in whose place {@code added} new ones are.
   */
  record Splice(List<YamlDocument> base, int at, int removed, int added) {}

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
    return documents(file, errors).all();
  }

  /**
   * The documents of {@code file} (errors added to {@code errors}), parsed only if new, and how
   * they differ from the previous version's when only some were parsed.
   */
  Documents documents(ManifestFile file, List<ManifestError> errors) {
    Entry known = current.get(file.path());
    if (known == null) known = previous.get(file.path());
    if (known == null || !known.sameAs(file)) {
      Optional<Entry> patched = known == null ? Optional.empty() : changedChunks(known, file);
      known = patched.orElseGet(() -> whole(file));
      parsed++;
    }
    current.put(file.path(), known);
    errors.addAll(known.errors());
    return new Documents(known.documents(), known.splice());
  }

  private Entry whole(ManifestFile file) {
    List<ManifestError> own = new ArrayList<>();
    List<YamlDocument> documents = yaml.read(file, own);
    return new Entry(
        file,
        documents,
        List.copyOf(own),
        own.isEmpty() ? parts(file, documents) : List.of(),
        Optional.empty());
  }

  /** Each chunk and the documents it holds: those whose first line is within it. */
  private static List<Part> parts(ManifestFile file, List<YamlDocument> documents) {
    if (file.refusal().isPresent()) return List.of();
    Optional<List<DocumentChunks.Chunk>> chunks = DocumentChunks.split(file.content());
    if (chunks.isEmpty()) return List.of();
    List<DocumentChunks.Chunk> all = chunks.get();
    List<Part> parts = new ArrayList<>(all.size());
    int d = 0;
    for (int c = 0; c < all.size(); c++) {
      int end = c + 1 < all.size() ? all.get(c + 1).firstLine() : Integer.MAX_VALUE;
      int first = d;
      while (d < documents.size() && documents.get(d).startLine() < end) d++;
      parts.add(new Part(all.get(c), first, d - first));
    }
    return parts;
  }

  /**
   * {@code file}, a new version of {@code known}, parsed chunk by chunk: the chunks before the
   * first changed byte and those after the last (byte for byte the same, on the same lines) keep
   * their trees, the ones between are parsed alone (with their own line numbers). Empty when that
   * cannot give what parsing the whole file gives (no chunks, an error, too many documents).
   */
  private Optional<Entry> changedChunks(Entry known, ManifestFile file) {
    if (known.parts().isEmpty() || file.refusal().isPresent()) return Optional.empty();
    byte[] was = known.file().content();
    byte[] now = file.content();
    if (now.length > YamlReader.MAX_FILE_BYTES) return Optional.empty();
    List<Part> old = known.parts();
    int differ = Arrays.mismatch(was, now);
    if (differ < 0) differ = now.length; // the same bytes (another refusal before)
    // Chunks wholly before the first difference, the line that starts the next one included.
    int head = 0;
    while (head < old.size() - 1 && old.get(head).chunk().to() + 4 <= differ) head++;
    int from = head == 0 ? 0 : old.get(head - 1).chunk().to();
    int fromLine = head == 0 ? 1 : old.get(head).chunk().firstLine();
    // Chunks at the end, the same bytes moved by the change of length.
    int shift = now.length - was.length;
    int tail = 0;
    while (tail < old.size() - head) {
      DocumentChunks.Chunk c = old.get(old.size() - 1 - tail).chunk();
      int at = c.from() + shift;
      if (at < from
          || !DocumentChunks.startsChunk(now, at)
          || !Arrays.equals(was, c.from(), c.to(), now, at, c.to() + shift)) break;
      tail++;
    }
    int to = tail == 0 ? now.length : old.get(old.size() - tail).chunk().from() + shift;
    Optional<DocumentChunks.Region> middle = DocumentChunks.region(now, from, to, fromLine);
    if (middle.isEmpty()) return Optional.empty();
    if (tail > 0 && middle.get().endLine() != old.get(old.size() - tail).chunk().firstLine()) {
      // Lines were added or removed: the later documents' line numbers moved; parse them again.
      tail = 0;
      to = now.length;
      middle = DocumentChunks.region(now, from, to, fromLine);
      if (middle.isEmpty()) return Optional.empty();
    }
    List<DocumentChunks.Chunk> between = middle.get().chunks();
    if (head + between.size() + tail < 2) return Optional.empty();
    int at = head == 0 ? 0 : old.get(head - 1).firstDocument() + old.get(head - 1).documentCount();
    int resume = tail == 0 ? known.documents().size() : old.get(old.size() - tail).firstDocument();
    List<Part> parts = new ArrayList<>(head + between.size() + tail);
    parts.addAll(old.subList(0, head));
    List<YamlDocument> added = new ArrayList<>();
    for (DocumentChunks.Chunk chunk : between) {
      List<ManifestError> own = new ArrayList<>();
      byte[] alone = DocumentChunks.alone(now, chunk);
      List<YamlDocument> mine = yaml.read(new ManifestFile(file.path(), alone), own);
      if (!own.isEmpty()) return Optional.empty(); // the whole file's parse reports it exactly
      parts.add(new Part(chunk, at + added.size(), mine.size()));
      added.addAll(mine);
      if (added.size() > YamlReader.MAX_DOCUMENTS) return Optional.empty();
    }
    int moved = at + added.size() - resume;
    for (Part p : old.subList(old.size() - tail, old.size())) {
      DocumentChunks.Chunk c = p.chunk();
      parts.add(
          shift == 0 && moved == 0
              ? p
              : new Part(
                  new DocumentChunks.Chunk(c.from() + shift, c.to() + shift, c.firstLine()),
                  p.firstDocument() + moved,
                  p.documentCount()));
    }
    List<YamlDocument> before = known.documents();
    int count = at + added.size() + before.size() - resume;
    if (count > YamlReader.MAX_DOCUMENTS) return Optional.empty();
    List<YamlDocument> documents = new ArrayList<>(count);
    documents.addAll(before.subList(0, at));
    documents.addAll(added);
    documents.addAll(before.subList(resume, before.size()));
    Splice splice = new Splice(before, at, resume - at, added.size());
    return Optional.of(
        new Entry(file, List.copyOf(documents), List.of(), parts, Optional.of(splice)));
  }
}
