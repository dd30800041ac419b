package dev.pointsman.reconcile;

import dev.pointsman.model.ChangeEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop fed by two timers (Git poll, drift sweep) and a trigger (push webhooks). A burst of
 * triggers coalesces into one sync; polling stays on as the backstop. Everything runs on the loop's
 * thread, so passes never overlap; the drift sweep runs a slice per turn, and a push arriving
 * during a slice cuts its reads short (the slice is read again after the push's pass). A standby
 * (not leading) only probes Git and AWS at each poll, so it is ready to take over and says so.
 */
public final class AgentLoop {
  private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

  private final Agent agent;
  private final Duration interval;
  private final Duration driftInterval;
  private final Leadership leadership;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Semaphore trigger = new Semaphore(0);
  private final AtomicBoolean syncWanted = new AtomicBoolean();
  private final AtomicBoolean pushedByHook = new AtomicBoolean();
  private final Queue<Hint> hints = new ConcurrentLinkedQueue<>();
  private volatile boolean stopped;
  private volatile boolean leading;
  private volatile boolean inSlice; // a sweep or catch-up slice: a push is fetched beside it

  /**
   * A push that arrives while a commit pass runs, or within this long after one ended, starts a
   * burst (a merge train, a bot); so does each further push within this long of the last.
   */
  public static final Duration BURST_QUIET = Duration.ofMillis(150);

  /**
   * A burst's pushes are applied by one pass once the burst is quiet and at least this long after
   * it began: twenty pushes within a second cost two passes (the first push's and the burst's).
   */
  public static final Duration BURST_SPAN = Duration.ofSeconds(1);

  /** However long the pushes keep coming, a burst waits no longer than this for its pass. */
  public static final Duration BURST_MAX_WAIT = Duration.ofSeconds(2);

  private final Object burstLock = new Object();
  private boolean passing;
  private long passEndedAt = Long.MIN_VALUE / 2;
  private long burstSince = -1;
  private long lastPushAt;

  /**
   * {@code scheduler} renews leadership on its own thread (a long pass over a large fleet must not
   * let the lease lapse); it belongs to the caller, which shuts it down.
   */
  public AgentLoop(
      Agent agent,
      Duration interval,
      Duration driftInterval,
      Leadership leadership,
      Clock clock,
      ScheduledExecutorService scheduler) {
    this.agent = agent;
    this.interval = interval;
    this.driftInterval = driftInterval;
    this.leadership = leadership;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Runs until {@link #stop()}, then gives leadership up. */
  public void run() {
    long renewEvery = leadership.renewEvery().toMillis();
    ScheduledFuture<?> renewal =
        scheduler.scheduleWithFixedDelay(this::renew, 0, renewEvery, TimeUnit.MILLISECONDS);
    try {
      loop(renewEvery);
    } finally {
      renewal.cancel(false);
      leadership.release();
    }
  }

  private void renew() {
    boolean was = leading;
    try {
      leading = leadership.lead();
    } catch (RuntimeException e) { // a throw would cancel the schedule; stand by instead
      log.error("lease renewal failed unexpectedly; standing by", e);
      leading = false;
    }
    if (leading && !was) wake(); // act at once on taking over
  }

  private long now() {
    return clock.millis();
  }

  private void loop(long renewEveryMillis) {
    long nextSync = 0;
    long nextProbe = 0;
    long nextSweep = now() + driftInterval.toMillis();
    while (!stopped) {
      trigger.drainPermits(); // what woke the loop is in the flags and the hint queue
      if (!leading) {
        syncWanted.set(false); // pushes are the leader's business
        failHints("not the leader");
        if (now() - nextProbe >= 0) {
          safely(agent::probe, "standby probe");
          nextProbe = now() + interval.toMillis();
        }
        // Re-checked after draining: taking over releases a permit, which pause() then sees.
        if (!leading) pause(Math.min(renewEveryMillis, Math.max(1, nextProbe - now())));
        continue;
      }
      long burstWait = syncWanted.get() ? burstWait() : 0;
      if (burstWait > 0) {
        pause(burstWait); // the burst's last push is applied by one pass, not one pass each
        continue;
      }
      boolean wanted = syncWanted.getAndSet(false);
      boolean pushed = pushedByHook.getAndSet(false);
      if (wanted || now() - nextSync >= 0) {
        sync(pushed);
        nextSync = now() + interval.toMillis();
      }
      if (!hints.isEmpty()) {
        // Change events between slices: a hand change is seen in seconds, pushes still go first.
        handleHints();
        continue;
      }
      if (agent.catchingUp()) {
        // A wide pass, one slice per turn: pushes go first, and cut the slice's reads short.
        inSlice = true;
        safely(() -> agent.catchUpStep(syncWanted::get), "catch-up");
        inSlice = false;
        continue;
      }
      if (agent.sweeping() || now() - nextSweep >= 0) {
        // One slice, then back to the top; a push arriving meanwhile cuts the slice's reads short.
        inSlice = true;
        safely(() -> agent.sweepStep(syncWanted::get), "drift sweep");
        inSlice = false;
        if (!agent.sweeping()) nextSweep = now() + driftInterval.toMillis();
        continue;
      }
      pause(Math.max(1, Math.min(nextSync, nextSweep) - now()));
    }
  }

  /** Waits up to {@code millis}, returning early (permit kept) when triggered or stopped. */
  private void pause(long millis) {
    if (stopped) return;
    try {
      if (trigger.tryAcquire(millis, TimeUnit.MILLISECONDS)) trigger.release();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  /**
   * Asks for a sync now instead of at the next interval (a push webhook, taking over). Answers at
   * once; pushes in a burst coalesce (see {@link #BURST_SPAN}). The sync fetches the branch head,
   * so a late webhook naming an older commit never brings that commit back.
   */
  public void trigger() {
    synchronized (burstLock) {
      long t = now();
      if (burstSince < 0 && (passing || t - passEndedAt < BURST_QUIET.toMillis())) burstSince = t;
      lastPushAt = t;
    }
    pushedByHook.set(true);
    agent.pushed(leading && inSlice);
    wake();
  }

  /** A sync at once, outside burst accounting (taking over). */
  private void wake() {
    syncWanted.set(true);
    trigger.release();
  }

  /** How long a wanted sync still waits for the burst it belongs to be over (0: none, or over). */
  private long burstWait() {
    synchronized (burstLock) {
      if (burstSince < 0) return 0;
      long due =
          Math.min(
              Math.max(lastPushAt + BURST_QUIET.toMillis(), burstSince + BURST_SPAN.toMillis()),
              burstSince + BURST_MAX_WAIT.toMillis());
      return Math.max(0, due - now());
    }
  }

  /** One sync; when {@code pushed} (by a webhook), pushes during it and just after form a burst. */
  private void sync(boolean pushed) {
    if (!pushed) {
      safely(() -> agent.syncCommit(syncWanted::get), "git poll");
      return;
    }
    synchronized (burstLock) {
      passing = true;
      burstSince = -1; // this pass takes every push so far
    }
    try {
      safely(() -> agent.syncCommit(syncWanted::get), "git poll");
    } finally {
      synchronized (burstLock) {
        passing = false;
        passEndedAt = now();
      }
    }
  }

  /**
   * Change events from {@code queueUrl} for the loop to handle between slices; the future completes
   * (with the number of resources re-read) once they are, so that the queue deletes them only then.
   * Fails at once on a standby.
   */
  public CompletableFuture<Integer> changeEvents(String queueUrl, List<ChangeEvent> events) {
    Hint h = new Hint(queueUrl, List.copyOf(events), new CompletableFuture<>());
    if (!leading) {
      h.done().completeExceptionally(new IllegalStateException("not the leader"));
      return h.done();
    }
    hints.add(h);
    trigger.release();
    return h.done();
  }

  /** True while this replica leads (only the leader reads change-event queues). */
  public boolean leading() {
    return leading && !stopped;
  }

  private record Hint(String queueUrl, List<ChangeEvent> events, CompletableFuture<Integer> done) {}

  private void handleHints() {
    for (Hint h = hints.poll(); h != null; h = hints.poll()) {
      try {
        h.done().complete(agent.changeEvents(h.queueUrl(), h.events()));
      } catch (RuntimeException e) {
        log.error("change events failed unexpectedly; the loop goes on", e);
        h.done().completeExceptionally(e);
      }
    }
  }

  private void failHints(String why) {
    for (Hint h = hints.poll(); h != null; h = hints.poll())
      h.done().completeExceptionally(new IllegalStateException(why));
  }

  public void stop() {
    stopped = true;
    trigger.release();
    failHints("stopped");
  }

  private static void safely(Runnable step, String name) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.error("{} failed unexpectedly; the loop goes on", name, e);
    }
  }
}
