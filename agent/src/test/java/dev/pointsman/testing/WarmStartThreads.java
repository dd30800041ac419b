package dev.pointsman.testing;

import java.time.Duration;

/**
 * The agent's warm start runs on a daemon thread of its own ("warm-start") that writes throwaway
 * repositories under the work directory; a test waits for it to end before its temporary folders
 * are deleted.
 */
public final class WarmStartThreads {
  private WarmStartThreads() {}

  /** Waits, at most {@code max} in all, for every live warm-start thread to end. */
  public static void awaitEnd(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!t.getName().equals("warm-start")) continue;
      long left = deadline - System.nanoTime();
      if (left > 0) t.join(Math.max(1, left / 1_000_000));
      if (t.isAlive()) throw new IllegalStateException("the warm start did not end within " + max);
    }
  }
}
