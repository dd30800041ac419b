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

  public AgentLoop(Agent agent, Duration interval, Duration driftInterval) {
    this.agent = agent;
    this.interval = interval;
    this.driftInterval = driftInterval;
  }

  /** Runs until {@link #stop()}. */
  public void run() {
    long nextSync = 0;
    long nextSweep = System.nanoTime() + driftInterval.toNanos();
    while (!stopped) {
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
      long wait = Math.max(1, Math.min(nextSync, nextSweep) - System.nanoTime());
      try {
        if (trigger.tryAcquire(wait, TimeUnit.NANOSECONDS)) trigger.release();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
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
