package dev.pointsman.reconcile;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop fed by two timers (Git poll, drift sweep) and a trigger (push webhooks). A burst of
 * triggers coalesces into one sync; polling stays on as the backstop. Everything runs on the loop's
 * thread, so passes never overlap; the drift sweep runs a slice per turn, so a push waits for one
 * slice at most.
 */
public final class AgentLoop {
  private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

  private final Agent agent;
  private final Duration interval;
  private final Duration driftInterval;
  private final Semaphore trigger = new Semaphore(0);
  private volatile boolean stopped;
  private volatile boolean leading;

  private final Leadership leadership;

  public AgentLoop(Agent agent, Duration interval, Duration driftInterval) {
    this(agent, interval, driftInterval, Leadership.ALONE);
  }

  public AgentLoop(Agent agent, Duration interval, Duration driftInterval, Leadership leadership) {
    this.agent = agent;
    this.interval = interval;
    this.driftInterval = driftInterval;
    this.leadership = leadership;
  }

  /** Runs until {@link #stop()}. */
  public void run() {
    // Leadership is renewed on its own thread: a long pass (the first one over a large fleet reads
    // every resource at the rate limit) must not let the lease lapse while this agent is working.
    ScheduledExecutorService renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lease-renewal");
              t.setDaemon(true);
              return t;
            });
    long renewEvery = leadership.renewEvery().toMillis();
    renewer.scheduleWithFixedDelay(this::renew, 0, renewEvery, TimeUnit.MILLISECONDS);
    try {
      loop(renewEvery);
    } finally {
      renewer.shutdownNow();
      try {
        renewer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
    if (leading && !was) trigger.release(); // act at once on taking over
  }

  private void loop(long renewEveryMillis) {
    long nextSync = 0;
    long nextSweep = System.nanoTime() + driftInterval.toNanos();
    while (!stopped) {
      if (!leading) {
        trigger.drainPermits(); // pushes are the leader's business
        // Re-checked after draining: taking over releases a permit, which pause() then sees.
        if (!leading) pause(TimeUnit.MILLISECONDS.toNanos(renewEveryMillis));
        continue;
      }
      boolean triggered = trigger.tryAcquire();
      if (triggered || System.nanoTime() - nextSync >= 0) {
        trigger.drainPermits();
        safely(agent::syncCommit, "git poll");
        nextSync = System.nanoTime() + interval.toNanos();
      }
      if (agent.sweeping() || System.nanoTime() - nextSweep >= 0) {
        // One slice, then back to the top: a push waits for one slice, not for the fleet.
        safely(agent::sweepStep, "drift sweep");
        if (!agent.sweeping()) nextSweep = System.nanoTime() + driftInterval.toNanos();
        continue;
      }
      pause(Math.max(1, Math.min(nextSync, nextSweep) - System.nanoTime()));
    }
  }

  /** Waits up to {@code nanos}, returning early (permit kept) when triggered or stopped. */
  private void pause(long nanos) {
    if (stopped) return;
    try {
      if (trigger.tryAcquire(nanos, TimeUnit.NANOSECONDS)) trigger.release();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  /** Asks for a sync now instead of at the next interval. */
  public void trigger() {
    trigger.release();
  }

  public void stop() {
    stopped = true;
    trigger.release();
  }

  private static void safely(Runnable step, String name) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.error("{} failed unexpectedly; the loop goes on", name, e);
    }
  }
}
