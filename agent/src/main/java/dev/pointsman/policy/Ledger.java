package dev.pointsman.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pointsman.store.JournaledFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each artifact went live for each pointer (environment, kind, metadata.name), as the agent
 * saw it: from its own applies and from what it observes in sync, and when a rollout of an artifact
 * was aborted there. Kept in {@code <workdir>/ledger.json}, so a restart does not reset a soak; on
 * a first start without it, what is live counts from then. The agent's observation, not an AWS
 * record: see docs/release-policy.md.
 *
 * <p>Saved on a thread of its own, as a line per record appended to {@code ledger.json.journal}
 * ({@link JournaledFile}): a promotion in a fleet of thousands records one pointer, and writing the
 * whole ledger (megabytes) each time cost 33 ms and 1.4 MB at 9600 pointers ({@code bench/ledger}).
 * ledger.json is written whole again once the journal is as large. A stop saves what is pending
 * ({@link #close}); a crash may lose the last records, and then those pointers count from the
 * restart, as on a first start (a soak is longer, never shorter).
 */
public final class Ledger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ledger.class);
  static final int KEEP = 50;

  /** An artifact served from {@code since} until {@code until} (open while it still serves). */
  public record Served(String artifact, Instant since, Optional<Instant> until) {}

  public record Abort(String artifact, Instant at) {}

  /** Everything kept, per pointer key (ledger.json). */
  record State(Map<String, List<Served>> served, Map<String, List<Abort>> aborts) {}

  /**
   * One record, as journaled after ledger.json: the pointers it changed (key → what serves it) or
   * an abort (key → artifact), at {@code at}. Replayed in order, it changes the state as it did.
   */
  record Entry(Instant at, Map<String, List<String>> live, Map<String, String> aborted) {}

  /** About how many bytes a journaled pointer takes (a key and an artifact or two). */
  private static final int ENTRY_BYTES = 80;

  private final Optional<JournaledFile<State, Entry>> file;
  private final boolean readOnly;
  // Values are never changed in place (replaced instead), so a shallow copy is a snapshot to save.
  private final Map<String, List<Served>> served = new TreeMap<>();
  private final Map<String, List<Abort>> aborts = new TreeMap<>();
  private List<Entry> unsaved = new ArrayList<>();
  private final Object writing = new Object();
  private ExecutorService saver; // created at the first save

  public Ledger(Path workdir) {
    this(workdir, false);
  }

  /**
   * The ledger of {@code workdir} as saved, never written ({@code plan} and {@code promote
   * --check}, which may run beside the agent in its work dir): recording throws.
   */
  public static Ledger readOnly(Path workdir) {
    return new Ledger(workdir, true);
  }

  private Ledger(Path workdir, boolean readOnly) {
    this(
        Optional.of(
            new JournaledFile<>(
                workdir.resolve("ledger.json"), new TypeReference<>() {}, Entry.class)),
        readOnly);
  }

  private Ledger(Optional<JournaledFile<State, Entry>> file, boolean readOnly) {
    this.file = file;
    this.readOnly = readOnly;
    file.map(JournaledFile::read)
        .ifPresent(
            loaded -> {
              loaded
                  .snapshot()
                  .ifPresent(
                      s -> {
                        if (s.served() != null)
                          s.served().forEach((k, v) -> served.put(k, List.copyOf(v)));
                        if (s.aborts() != null)
                          s.aborts().forEach((k, v) -> aborts.put(k, List.copyOf(v)));
                      });
              loaded.entries().forEach(this::replay);
            });
  }

  public static Ledger inMemory() {
    return new Ledger(Optional.empty(), false);
  }

  private void replay(Entry e) {
    if (e.at() == null) return; // not written by the agent: nothing to date it by
    if (e.live() != null) e.live().forEach((key, artifacts) -> record(key, artifacts, e.at()));
    if (e.aborted() != null) e.aborted().forEach((key, artifact) -> abort(key, artifact, e.at()));
  }

  /** The key that pairs a pointer across environments: its kind and metadata.name. */
  public static String key(String environment, String kind, String metadataName) {
    return environment + "/" + kind + "/" + metadataName;
  }

  /**
   * {@code artifacts} serve pointer {@code key} as of {@code at} (no change when they already do).
   */
  public void live(String key, List<String> artifacts, Instant at) {
    live(Map.of(key, artifacts), at);
  }

  /**
   * What serves each pointer of {@code artifacts} (by key) as of {@code at}, saved as one record of
   * the pointers that changed: a pass over a fleet finds thousands in sync and records none of
   * them.
   */
  public void live(Map<String, List<String>> artifacts, Instant at) {
    writable();
    boolean closed;
    synchronized (this) {
      Map<String, List<String>> changed = new TreeMap<>();
      for (Map.Entry<String, List<String>> e : artifacts.entrySet())
        if (record(e.getKey(), e.getValue(), at))
          changed.put(e.getKey(), List.copyOf(e.getValue()));
      closed = !changed.isEmpty() && queue(new Entry(at, changed, Map.of()));
    }
    if (closed) writePending();
  }

  private boolean record(String key, List<String> artifacts, Instant at) {
    List<Served> list = new ArrayList<>(served.getOrDefault(key, List.of()));
    boolean changed = false;
    for (int i = 0; i < list.size(); i++) {
      Served s = list.get(i);
      if (s.until().isEmpty() && !artifacts.contains(s.artifact())) {
        list.set(i, new Served(s.artifact(), s.since(), Optional.of(at)));
        changed = true;
      }
    }
    for (String a : artifacts) {
      boolean open = list.stream().anyMatch(s -> s.artifact().equals(a) && s.until().isEmpty());
      if (!open) {
        list.add(new Served(a, at, Optional.empty()));
        changed = true;
      }
    }
    while (list.size() > KEEP) list.remove(0);
    if (changed) served.put(key, List.copyOf(list));
    return changed;
  }

  /** A rollout of {@code artifact} was aborted for pointer {@code key} at {@code at}. */
  public void aborted(String key, String artifact, Instant at) {
    writable();
    boolean closed;
    synchronized (this) {
      abort(key, artifact, at);
      closed = queue(new Entry(at, Map.of(), Map.of(key, artifact)));
    }
    if (closed) writePending();
  }

  private void abort(String key, String artifact, Instant at) {
    List<Abort> list = new ArrayList<>(aborts.getOrDefault(key, List.of()));
    list.add(new Abort(artifact, at));
    while (list.size() > KEEP) list.remove(0);
    aborts.put(key, List.copyOf(list));
  }

  private void writable() {
    if (readOnly)
      throw new IllegalStateException("a read-only ledger (plan, promote --check) never records");
  }

  /** True when {@code artifact} served pointer {@code key} at some time (a rollback target). */
  public synchronized boolean servedBefore(String key, String artifact) {
    return served.getOrDefault(key, List.of()).stream()
        .anyMatch(s -> s.artifact().equals(artifact));
  }

  /**
   * The longest time {@code artifact} served {@code key} without an aborted rollout of it since
   * that period began (up to {@code now} while it still serves); empty when it never served it.
   */
  public synchronized Optional<Duration> servedFor(String key, String artifact, Instant now) {
    Optional<Duration> best = Optional.empty();
    for (Served s : served.getOrDefault(key, List.of())) {
      if (!s.artifact().equals(artifact)) continue;
      Instant end = s.until().orElse(now);
      Instant start = s.since();
      for (Abort a : aborts.getOrDefault(key, List.of())) {
        if (a.artifact().equals(artifact) && a.at().isAfter(start) && !a.at().isAfter(end))
          start = a.at();
      }
      Duration d = Duration.between(start, end);
      if (best.isEmpty() || d.compareTo(best.get()) > 0) best = Optional.of(d);
    }
    return best;
  }

  /** The latest abort of {@code artifact} for {@code key}, if any. */
  public synchronized Optional<Instant> lastAbort(String key, String artifact) {
    return aborts.getOrDefault(key, List.of()).stream()
        .filter(a -> a.artifact().equals(artifact))
        .map(Abort::at)
        .max(Instant::compareTo);
  }

  /** Waits until what was recorded so far is saved. */
  public void flush() {
    ExecutorService s;
    synchronized (this) {
      s = saver;
    }
    if (s == null || s.isShutdown()) return; // closed: saves run on the caller's thread
    try {
      s.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RejectedExecutionException e) {
      log.warn("cannot save the ledger: {}", e.toString());
    }
  }

  /** Saves what is pending and stops the saving thread. */
  @Override
  public void close() {
    ExecutorService s;
    synchronized (this) {
      s = saver;
      if (s != null) s.shutdown(); // saves recorded from now on run on the caller's thread
    }
    if (s == null) return;
    try {
      if (!s.awaitTermination(30, TimeUnit.SECONDS))
        log.warn("ledger.json still being saved after 30 s; stopping without waiting");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Queues {@code entry} to be saved (under this object's lock) on the saving thread; true when the
   * ledger is closed and the caller must save it, after releasing the lock ({@link #writePending}
   * takes its own lock first, then this one).
   */
  private boolean queue(Entry entry) {
    if (file.isEmpty()) return false;
    unsaved.add(entry);
    if (saver == null) {
      saver =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "ledger-saver");
                t.setDaemon(true);
                return t;
              });
    }
    try {
      saver.execute(this::writePending);
      return false;
    } catch (RejectedExecutionException e) { // closed
      return true;
    }
  }

  /**
   * Saves what was recorded and not saved yet, if anything (saves queued behind it find nothing):
   * appended to the journal, or the whole state written once the journal has grown as large as
   * ledger.json. One writer at a time, each taking what is unsaved when it begins, together with
   * the state it leads to.
   */
  private void writePending() {
    synchronized (writing) {
      List<Entry> batch;
      State state = null;
      synchronized (this) {
        if (unsaved.isEmpty()) return;
        batch = unsaved;
        unsaved = new ArrayList<>();
        long bytes = 0;
        for (Entry e : batch) bytes += (long) ENTRY_BYTES * (e.live().size() + e.aborted().size());
        if (file.get().due(bytes)) state = new State(new TreeMap<>(served), new TreeMap<>(aborts));
      }
      try {
        if (state != null) file.get().compact(state);
        else file.get().append(batch);
      } catch (IOException e) {
        log.warn("cannot save the ledger (tried again with the next record): {}", e.getMessage());
      }
    }
  }
}
