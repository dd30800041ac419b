package dev.pointsman.reconcile;

import dev.pointsman.aws.SdkModels;
import dev.pointsman.git.GitException;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.Commit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start warms before the agent says it is ready (so that a load balancer routes the first
 * webhook to a warm agent): the first idle poll's warm-up (or a commit pass made, or a catch-up
 * under way: readiness never waits for a fleet's reads), and, on a thread of its own that waits
 * whenever a commit pass runs or a push is waiting, a promotion rehearsed without touching anything
 * live: fetches between throwaway repositories, until the JIT compiled their code ({@link
 * dev.pointsman.git.GitSource#rehearseReceive}), a promotion in the commit's largest manifest file
 * on a throwaway loader ({@link ManifestLoader#rehearse}), and the SDK classes and calls of the
 * declared kinds, the calls sent to a loopback server ({@link Pass#prepareSdk}), and last a whole
 * promotion of each kind that has a script, on throwaway parts ({@link PromotionRehearsal}).
 */
final class WarmStart {
  private static final Logger log = LoggerFactory.getLogger(WarmStart.class);

  private final AgentParts parts;
  private final CommitManifests manifests;
  private final Clock clock;
  private volatile boolean polled;
  private volatile boolean probed;
  private volatile boolean leading;
  private volatile boolean prepared;
  private volatile boolean passing;
  private volatile boolean catchingUp;
  private volatile BooleanSupplier pushWaiting = () -> false;
  private volatile boolean stopping;
  private boolean started;
  private Thread thread;

  WarmStart(AgentParts parts, CommitManifests manifests, Clock clock) {
    this.parts = parts;
    this.manifests = manifests;
    this.clock = clock;
    parts.health().warmingUp();
  }

  /** A leader's poll begins; {@code pushWaiting} says when a push arrived. */
  void polling(BooleanSupplier pushWaiting) {
    this.pushWaiting = pushWaiting;
    leading = true;
  }

  /**
   * A standby's probe was made: it is warm enough to take over (it warms nothing more). A replica
   * that starts as a standby and leads a moment later waits for its own warm-up as a leader.
   */
  void probed() {
    leading = false;
    probed = true;
    tell();
  }

  /** A commit pass runs (the SDK classes wait meanwhile), or ended. */
  void passing(boolean running) {
    passing = running;
  }

  /**
   * A catch-up is under way (a new replica's first pass, or another too wide to read at once), or
   * no longer: the fetch rehearsal makes no more rounds meanwhile, since a push during a first pass
   * waited for the round running when it came (N=30: 139–176 ms against 106–119).
   */
  void catchingUp(boolean active) {
    catchingUp = active;
  }

  /** The polls are warm: the warm-up done, a commit pass made, or a catch-up under way. */
  void polled() {
    polled = true;
    tell();
  }

  /**
   * Starts the rehearsals and preparing the SDK classes for {@code load}'s kinds ({@code commit}'s
   * manifests), once, on a thread of its own.
   */
  synchronized void prepareAside(Commit commit, LoadResult load) {
    if (started || stopping) return;
    if (!load.valid()) {
      // Nothing declared to prepare for (yet): readiness does not wait; a valid commit starts it.
      prepared = true;
      tell();
      return;
    }
    started = true;
    Set<String> kinds = new HashSet<>();
    load.state()
        .environments()
        .forEach(em -> em.resources().forEach(r -> kinds.add(r.id().kind())));
    Thread t =
        new Thread(
            () -> {
              Instant start = clock.instant();
              try {
                BooleanSupplier busy = () -> passing || pushWaiting.getAsBoolean();
                int fetches =
                    SdkModels.idle(busy)
                        ? parts.git().rehearseReceive(() -> !catchingUp && SdkModels.idle(busy))
                        : 0;
                // Before the longer steps: a new replica's first pass may take a push seconds
                // after the start, and a promotion is the code that push runs. One round only
                // during a catch-up, whose pushes would share the CPU with more rounds (2.5-3 s).
                PromotionRehearsal.Result promoted =
                    parts.pass().rehearsePromotion(kinds, busy, () -> !catchingUp);
                ManifestLoader.Rehearsal rehearsal =
                    SdkModels.idle(busy)
                        ? manifests.rehearse(commit, () -> SdkModels.idle(busy))
                        : ManifestLoader.Rehearsal.NONE;
                int classes = parts.pass().prepareSdk(kinds, busy);
                log.info(
                    "warm start: {} fetch(es) and {} promotion(s) in the largest manifest file ({}"
                        + " bytes) rehearsed, SDK models of {} prepared ({} classes), promotions"
                        + " rehearsed on a loopback server {} ({} ms), in {} ms",
                    fetches,
                    rehearsal.edits(),
                    rehearsal.bytes(),
                    kinds.stream().sorted().toList(),
                    classes,
                    promoted.promotions(),
                    promoted.took().toMillis(),
                    Duration.between(start, clock.instant()).toMillis());
                if (!promoted.problems().isEmpty())
                  log.warn(
                      "promotion rehearsal incomplete (the first promotion may be slower): {}",
                      promoted.problems());
              } catch (GitException | IOException | RuntimeException e) {
                if (!stopping)
                  log.warn(
                      "warm start incomplete (the first promotion may be slower): {}",
                      e.toString());
              } finally {
                prepared = true;
                tell();
              }
            },
            "warm-start");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    thread = t;
    t.start();
  }

  /**
   * Stops the rehearsals (the agent is stopping): they end at their next call or step, and this
   * waits for that up to {@code within}. Its thread no longer competes with whatever runs next in
   * the process (another runtime in a test JVM, the shutdown's chat delivery).
   */
  void stop(Duration within) {
    Thread t;
    synchronized (this) {
      stopping = true;
      t = thread;
    }
    if (t == null) return;
    t.interrupt();
    try {
      t.join(within.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) log.warn("warm start still running {} ms after the stop", within.toMillis());
  }

  private void tell() {
    if (prepared && (leading ? polled : probed)) parts.health().warmedUp();
  }
}
