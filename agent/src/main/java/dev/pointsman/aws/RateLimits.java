package dev.pointsman.aws;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One client-side rate limiter per account, Region and API family, so the agent stays under its
 * share of each quota instead of leaning on retries. A caller waits for a permit (up to {@code
 * maxWait}).
 *
 * <p>Two lanes share each budget ({@link CallLane}). The foreground (commit passes, commands) goes
 * first: background calls (the drift sweep) take a permit only while no foreground call waits. When
 * a push finds the budget just spent by the sweep, it borrows up to one period's permits at once
 * instead of waiting for the next period, and the sweep repays them before its next call; so a
 * promotion during a sweep costs what it costs outside one, and over any stretch of time the calls
 * stay within the rate plus one burst (the agent's rate is a share of the published quota, half by
 * default). The sweep is postponed only while commit passes run, and by at most one period's
 * permits after each.
 */
public final class RateLimits {
  private final Quotas quotas;
  private final Duration maxWait;
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

  public RateLimits(Quotas quotas, Duration maxWait) {
    this.quotas = quotas;
    this.maxWait = maxWait;
  }

  /** The API family an operation counts against. */
  public String family(String service, String operation) {
    return quotas.family(service, operation);
  }

  public RateLimiter limiter(String account, String region, String family) {
    return budget(account, region, family).limiter;
  }

  /**
   * Takes a permit for one call of the current thread's lane: true once taken, false when none came
   * within {@code maxWait}. A background lane that must give way gets {@link Yielded}.
   */
  boolean acquire(String account, String region, String family) {
    Budget budget = budget(account, region, family);
    Optional<CallLane.Background> lane = CallLane.current();
    return lane.isPresent() ? budget.background(lane.get()) : budget.foreground();
  }

  private Budget budget(String account, String region, String family) {
    return budgets.computeIfAbsent(
        account + "|" + region + "|" + family,
        k ->
            new Budget(
                new AtomicRateLimiter(k, config(quotas.allowed(account, family), Duration.ZERO)),
                maxWait));
  }

  /** A background call gave way to a waiting push. */
  static final class Yielded extends RuntimeException {
    Yielded() {
      super("gave way to a commit pass", null, false, false);
    }
  }

  /** One family's budget in one account and Region, and who is waiting for it. */
  private static final class Budget {
    /** The least a waiting caller sleeps between looks, and the most a background one does. */
    private static final long MIN_PARK = 200_000;

    private static final long MAX_BACKGROUND_PARK = 5_000_000;

    private final AtomicRateLimiter limiter;
    private final long maxWaitNanos;
    private final long periodNanos;
    private final int burst;
    private final AtomicInteger foregroundWaiting = new AtomicInteger();
    private final AtomicInteger borrowed = new AtomicInteger();
    private volatile long backgroundTookAt;

    Budget(AtomicRateLimiter limiter, Duration maxWait) {
      this.limiter = limiter;
      this.maxWaitNanos = maxWait.toNanos();
      this.periodNanos = limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
      this.burst = limiter.getRateLimiterConfig().getLimitForPeriod();
      this.backgroundTookAt = System.nanoTime() - 10 * periodNanos;
    }

    boolean foreground() {
      long deadline = System.nanoTime() + maxWaitNanos;
      foregroundWaiting.incrementAndGet();
      try {
        while (true) {
          if (limiter.acquirePermission()) return true;
          if (backgroundSpentIt() && borrow()) return true;
          long left = deadline - System.nanoTime();
          if (left <= 0 || Thread.currentThread().isInterrupted()) return false;
          long wait = Math.max(MIN_PARK, limiter.getDetailedMetrics().getNanosToWait());
          LockSupport.parkNanos(Math.min(wait, left));
        }
      } finally {
        foregroundWaiting.decrementAndGet();
      }
    }

    boolean background(CallLane.Background lane) {
      long deadline = System.nanoTime() + maxWaitNanos;
      while (true) {
        if (lane.mustYield()) throw new Yielded();
        if (foregroundWaiting.get() == 0 && limiter.acquirePermission()) {
          backgroundTookAt = System.nanoTime();
          // A permit a push borrowed is repaid first; then the call's own.
          if (borrowed.getAndUpdate(b -> Math.max(0, b - 1)) == 0) return true;
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || Thread.currentThread().isInterrupted()) return false;
        long wait = Math.max(MIN_PARK, limiter.getDetailedMetrics().getNanosToWait());
        LockSupport.parkNanos(Math.min(Math.min(wait, MAX_BACKGROUND_PARK), left));
      }
    }

    /** The sweep took this budget within the last two periods. */
    private boolean backgroundSpentIt() {
      return System.nanoTime() - backgroundTookAt < 2 * periodNanos;
    }

    private boolean borrow() {
      while (true) {
        int b = borrowed.get();
        if (b >= burst) return false;
        if (borrowed.compareAndSet(b, b + 1)) return true;
      }
    }
  }

  /** The most permits one refresh period hands out at once. */
  static final int BURST = 3;

  /**
   * Small, frequent periods instead of one big one per second: 7.5/s becomes 3 permits every 400 ms
   * (exactly 7.5/s), 0.5/s one every two seconds. A burst of three covers a promotion's calls to
   * one API family, and a caller that finds the budget spent (a drift sweep took it) waits a
   * fraction of a second, not the rest of a whole second.
   */
  static RateLimiterConfig config(double perSecond, Duration maxWait) {
    int permits = (int) Math.max(1, Math.min(BURST, Math.floor(perSecond)));
    Duration period = Duration.ofNanos((long) Math.ceil(permits * 1e9 / perSecond));
    return RateLimiterConfig.custom()
        .limitForPeriod(permits)
        .limitRefreshPeriod(period)
        .timeoutDuration(maxWait)
        .build();
  }
}
