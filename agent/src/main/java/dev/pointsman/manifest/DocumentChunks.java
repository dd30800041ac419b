package dev.pointsman.manifest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a multi-document YAML file splits into its documents, without parsing it: at every line
 * that starts with {@code ---} followed by a space, a tab, a line break or the end. YAML forbids
 * such a line inside any content (a block or quoted scalar ends there), so the split is the one a
 * parser makes. Files with directives ({@code %...}) or document-end markers ({@code ...}) are not
 * split. Pure.
 */
final class DocumentChunks {
  private DocumentChunks() {}

  /** Bytes {@code [from, to)} of the file, starting at line {@code firstLine} (1-based). */
  record Chunk(int from, int to, int firstLine) {}

  /** The chunks of {@code content}; empty when it has fewer than two or cannot be split safely. */
  static Optional<List<Chunk>> split(byte[] content) {
    return region(content, 0, content.length, 1)
        .map(Region::chunks)
        .filter(chunks -> chunks.size() > 1);
  }

  /**
   * The chunks of bytes {@code [from, to)} of {@code content} and the line {@code to} is on; none
   * when {@code from == to}. {@code from} must start a chunk (the file's start or a line {@code
   * ---}) and {@code to} end one (the next such line or the end). Empty when the region cannot be
   * split safely.
   */
  static Optional<Region> region(byte[] content, int from, int to, int firstLine) {
    List<Chunk> chunks = new ArrayList<>();
    int start = from;
    int startLine = firstLine;
    int line = firstLine;
    int i = from;
    while (i < to) {
      // i is at the start of a line
      if (content[i] == '%' || marker(content, i, (byte) '.')) return Optional.empty();
      if (i > start && marker(content, i, (byte) '-')) {
        chunks.add(new Chunk(start, i, startLine));
        start = i;
        startLine = line;
      }
      while (i < to && content[i] != '\n') i++;
      i++;
      line++;
    }
    if (to > from) chunks.add(new Chunk(start, to, startLine));
    return Optional.of(new Region(chunks, line));
  }

  /** Chunks of a region, and the line number its end is on. */
  record Region(List<Chunk> chunks, int endLine) {}

  /** True when a chunk may start at {@code i}: the file's start, or a line {@code ---}. */
  static boolean startsChunk(byte[] content, int i) {
    return i == 0
        || (i <= content.length && content[i - 1] == '\n' && marker(content, i, (byte) '-'));
  }

  /** Three {@code c} at {@code i}, then whitespace, a line break or the end. */
  private static boolean marker(byte[] b, int i, byte c) {
    if (i + 3 > b.length || b[i] != c || b[i + 1] != c || b[i + 2] != c) return false;
    if (i + 3 == b.length) return true;
    byte next = b[i + 3];
    return next == ' ' || next == '\t' || next == '\n' || next == '\r';
  }

  /**
   * The chunk as a file of its own that a parser reads with the line numbers it has in the whole
   * file: blank lines stand in for what comes before it.
   */
  static byte[] alone(byte[] content, Chunk chunk) {
    int blank = chunk.firstLine() - 1;
    byte[] out = new byte[blank + chunk.to() - chunk.from()];
    for (int k = 0; k < blank; k++) out[k] = '\n';
    System.arraycopy(content, chunk.from(), out, blank, chunk.to() - chunk.from());
    return out;
  }

  /**
   * {@code content} with the comment {@code # text} where a promotion would edit it: at the end of
   * the line {@code ---} that starts a document in its middle, so that the documents, their lines
   * and what they declare stay the same and only that document's bytes differ. When that line holds
   * more than the marker (or the file is one document), on a line of its own at the end of a
   * document in its middle (of the only one at its end): the same documents, later ones a line
   * down.
   */
  static byte[] commented(byte[] content, String text) {
    Optional<List<Chunk>> chunks = split(content);
    if (chunks.isPresent()) {
      int from = chunks.get().get(chunks.get().size() / 2).from(); // not the first: a --- line
      int end = from + 3;
      while (end < content.length && (content[end] == ' ' || content[end] == '\t')) end++;
      if (end == content.length || content[end] == '\n' || content[end] == '\r') {
        byte[] comment = (" # " + text).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[content.length + comment.length];
        System.arraycopy(content, 0, out, 0, end);
        System.arraycopy(comment, 0, out, end, comment.length);
        System.arraycopy(content, end, out, end + comment.length, content.length - end);
        return out;
      }
    }
    byte[] comment = ("# " + text + "\n").getBytes(StandardCharsets.UTF_8);
    int at = chunks.map(all -> all.get((all.size() - 1) / 2).to()).orElse(content.length);
    boolean newline = at == 0 || content[at - 1] == '\n';
    byte[] out = new byte[content.length + comment.length + (newline ? 0 : 1)];
    System.arraycopy(content, 0, out, 0, at);
    int k = at;
    if (!newline) out[k++] = '\n';
    System.arraycopy(comment, 0, out, k, comment.length);
    System.arraycopy(content, at, out, k + comment.length, content.length - at);
    return out;
  }
}
