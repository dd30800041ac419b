package dev.pointsman.status;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pointsman.store.JsonFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last {@value #KEEP} commits that changed something live, newest first, with what each
 * changed; kept in {@code <workdir>/history.json} so a restart shows them still. The release board
 * shows them, and the last one per environment.
 */
public final class History {
  private static final Logger log = LoggerFactory.getLogger(History.class);
  public static final int KEEP = 50;

  /** One change a commit made: environment, kind, resource name and what moved. */
  public record Change(String environment, String kind, String name, String summary) {}

  /** A commit that changed something live. */
  public record Applied(
      String sha, String subject, String author, Instant at, List<Change> changes) {
    public Applied {
      changes = List.copyOf(changes);
    }
  }

  private final Optional<JsonFile<List<Applied>>> file;
  private final List<Applied> entries = new ArrayList<>();

  /** Kept in {@code workdir}. */
  public History(Path workdir) {
    this(Optional.of(new JsonFile<>(workdir.resolve("history.json"), new TypeReference<>() {})));
  }

  private History(Optional<JsonFile<List<Applied>>> file) {
    this.file = file;
    file.flatMap(JsonFile::read).ifPresent(entries::addAll);
  }

  /** In memory only (tests, one-shot commands). */
  public static History inMemory() {
    return new History(Optional.empty());
  }

  public synchronized void record(Applied applied) {
    entries.removeIf(e -> e.sha().equals(applied.sha()) && e.changes().equals(applied.changes()));
    entries.add(0, applied);
    while (entries.size() > KEEP) entries.remove(entries.size() - 1);
    file.ifPresent(
        f -> {
          try {
            f.write(new ArrayList<>(entries));
          } catch (IOException e) {
            log.warn("cannot save history.json: {}", e.getMessage());
          }
        });
  }

  public synchronized List<Applied> entries() {
    return List.copyOf(entries);
  }

  /** The newest commit that changed something in each environment. */
  public synchronized Map<String, Applied> lastPerEnvironment() {
    Map<String, Applied> last = new LinkedHashMap<>();
    for (Applied a : entries) {
      for (Change c : a.changes()) last.putIfAbsent(c.environment(), a);
    }
    return last;
  }
}
