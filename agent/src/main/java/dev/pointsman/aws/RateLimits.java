package dev.pointsman.aws;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client-side rate limiter per account, Region and API family, so the agent stays under its
 * share of each quota instead of leaning on retries. A caller waits for a permit (up to {@code
 * maxWait}).
 */
public final class RateLimits {
  private final Quotas quotas;
  private final Duration maxWait;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  public RateLimits(Quotas quotas, Duration maxWait) {
    this.quotas = quotas;
    this.maxWait = maxWait;
  }

  /** The API family an operation counts against. */
  public String family(String service, String operation) {
    return quotas.family(service, operation);
  }

  public RateLimiter limiter(String account, String region, String family) {
    return limiters.computeIfAbsent(
        account + "|" + region + "|" + family, k -> create(k, quotas.allowed(account, family)));
  }

  private RateLimiter create(String name, double perSecond) {
    return RateLimiter.of(name, config(perSecond, maxWait));
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
