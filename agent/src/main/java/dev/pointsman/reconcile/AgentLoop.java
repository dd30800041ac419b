package dev.pointsman.reconcile;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loop fed by two timers (Git poll, drift sweep) and a trigger (push webhooks). A burst of
 * triggers coalesces into one sync; polling stays on as the backstop. Everything runs on the loop's
 * thread, so passes never overlap.
 */
public final class AgentLoop {
  private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

  private final Agent agent;
  private final Duration interval;
  private final Duration driftInterval;
  private final Semaphore trigger = new Semaphore(0);
  private volatile boolean stopped;

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
    long nextSync = 0;
    long nextSweep = System.nanoTime() + driftInterval.toNanos();
    long renewEvery = leadership.renewEvery().toNanos();
    while (!stopped) {
      if (!leadership.lead()) {
        trigger.drainPermits(); // pushes are the leader's business
        pause(renewEvery);
        continue;
      }
      long now = System.nanoTime();
      boolean triggered = trigger.tryAcquire();
      if (triggered || now - nextSync >= 0) {
        trigger.drainPermits();
        safely(agent::syncCommit, "git poll");
        nextSync = System.nanoTime() + interval.toNanos();
      }
      if (System.nanoTime() - nextSweep >= 0) {
        safely(agent::sweepDrift, "drift sweep");
        nextSweep = System.nanoTime() + driftInterval.toNanos();
      }
      long nextRenew = System.nanoTime() + renewEvery;
      pause(Math.max(1, Math.min(Math.min(nextSync, nextSweep), nextRenew) - System.nanoTime()));
    }
    leadership.release();
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
