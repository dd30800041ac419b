package dev.pointsman.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON snapshot ({@code name}, as {@link JsonFile} writes it) and a journal of the entries
 * recorded since it was written ({@code name.journal}, one JSON object per line), so that a record
 * costs a line appended, not the whole state written again. The journal is folded into a new
 * snapshot ({@link #compact}) once it is as large as the snapshot (64 KiB at least).
 *
 * <p>The journal's first line names the snapshot it continues (its length and CRC-32C): a journal
 * left by a crash between writing a new snapshot and starting a new journal continues an older one
 * and is ignored, its entries being in the snapshot already. A line a crash cut short ends the
 * journal. The snapshot's format does not change, so an older agent reads it (without the entries
 * recorded since).
 */
public final class JournaledFile<S, E> {
  private static final Logger log = LoggerFactory.getLogger(JournaledFile.class);
  private static final ObjectWriter LINE =
      JsonFile.JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
  private static final long MIN_JOURNAL = 64 * 1024;

  /** What was read: the snapshot (empty when missing or unreadable) and the entries after it. */
  public record Loaded<S, E>(Optional<S> snapshot, List<E> entries) {}

  /** The journal's first line. */
  private record Header(String continues) {}

  private final Path snapshot;
  private final Path journal;
  private final TypeReference<S> snapshotType;
  private final Class<E> entryType;
  private String base; // the snapshot as read or written last: what a journal continues
  private long snapshotBytes;
  private long journalBytes;
  private boolean journalContinues; // the journal on disk continues {@code base}
  private boolean mustCompact; // entries were read from a journal that cannot be continued

  public JournaledFile(Path snapshot, TypeReference<S> snapshotType, Class<E> entryType) {
    this.snapshot = snapshot;
    this.journal = snapshot.resolveSibling(snapshot.getFileName() + ".journal");
    this.snapshotType = snapshotType;
    this.entryType = entryType;
  }

  /** Reads the snapshot and the entries recorded after it. */
  public Loaded<S, E> read() {
    byte[] bytes = new byte[0];
    Optional<S> state = Optional.empty();
    if (Files.isRegularFile(snapshot)) {
      try {
        bytes = Files.readAllBytes(snapshot);
        state = Optional.ofNullable(JsonFile.JSON.readValue(bytes, snapshotType));
      } catch (IOException e) {
        log.warn("cannot read {} (read as empty): {}", snapshot, e.getMessage());
      }
    }
    base = identity(bytes);
    snapshotBytes = bytes.length;
    return new Loaded<>(state, readJournal());
  }

  private List<E> readJournal() {
    List<E> entries = new ArrayList<>();
    journalContinues = false;
    journalBytes = 0;
    if (!Files.isRegularFile(journal)) return entries;
    List<String> lines;
    try {
      lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    } catch (IOException e) {
      log.warn(
          "cannot read {} (the records since {} was written are lost): {}",
          journal,
          snapshot.getFileName(),
          e.getMessage());
      return entries;
    }
    try {
      if (lines.isEmpty()
          || !base.equals(JsonFile.JSON.readValue(lines.get(0), Header.class).continues())) {
        log.info(
            "{} continues an earlier {} or is empty: ignored (its entries, if any, are in it)",
            journal.getFileName(),
            snapshot.getFileName());
        return entries;
      }
    } catch (IOException e) {
      log.warn("{} has no valid first line: ignored", journal);
      return entries;
    }
    for (int i = 1; i < lines.size(); i++) {
      try {
        entries.add(JsonFile.JSON.readValue(lines.get(i), entryType));
      } catch (IOException e) {
        log.warn(
            "{} line {} is unreadable (cut short by a crash?): the {} line(s) from there ignored",
            journal,
            i + 1,
            lines.size() - i);
        // Appending after it would put new entries behind a bad line: the next save writes all.
        mustCompact = true;
        return entries;
      }
    }
    journalContinues = true;
    journalBytes = size(journal);
    return entries;
  }

  /**
   * True when the journal, with about {@code pendingBytes} more, is as large as the snapshot (or 64
   * KiB): {@link #compact} rather than {@link #append}.
   */
  public boolean due(long pendingBytes) {
    return mustCompact || journalBytes + pendingBytes >= Math.max(MIN_JOURNAL, snapshotBytes);
  }

  /** Appends {@code entries} to the journal (a new journal when none continues the snapshot). */
  public void append(List<E> entries) throws IOException {
    StringBuilder text = new StringBuilder();
    for (E e : entries) text.append(LINE.writeValueAsString(e)).append('\n');
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    try {
      if (!journalContinues) {
        startJournal(bytes);
        return;
      }
      try (OutputStream out = Files.newOutputStream(journal, StandardOpenOption.APPEND)) {
        out.write(bytes);
      }
      journalBytes += bytes.length;
    } catch (IOException e) {
      mustCompact = true; // these entries are not on disk (a line may be cut): the next writes all
      throw e;
    }
  }

  /** Writes {@code state} as the new snapshot (atomically) and starts an empty journal after it. */
  public void compact(S state) throws IOException {
    byte[] bytes = JsonFile.JSON.writeValueAsBytes(state);
    JsonFile.replace(snapshot, bytes);
    base = identity(bytes);
    snapshotBytes = bytes.length;
    journalContinues = false; // the old journal continues the old snapshot until replaced
    startJournal(new byte[0]);
    mustCompact = false;
  }

  /**
   * Replaces the journal (atomically) with one that continues the snapshot and holds {@code body}.
   */
  private void startJournal(byte[] body) throws IOException {
    byte[] header =
        (LINE.writeValueAsString(new Header(base)) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] whole = new byte[header.length + body.length];
    System.arraycopy(header, 0, whole, 0, header.length);
    System.arraycopy(body, 0, whole, header.length, body.length);
    JsonFile.replace(journal, whole);
    journalContinues = true;
    journalBytes = whole.length;
  }

  private static String identity(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return bytes.length + ":" + Long.toHexString(crc.getValue());
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
