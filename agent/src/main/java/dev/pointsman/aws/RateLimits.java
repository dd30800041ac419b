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

  public RateLimiter limiter(String account, String region, String family) {
    return limiters.computeIfAbsent(
        account + "|" + region + "|" + family, k -> create(k, quotas.allowed(account, family)));
  }

  private RateLimiter create(String name, double perSecond) {
    return RateLimiter.of(name, config(perSecond, maxWait));
  }

  /** Whole permits per refresh period: 7.5/s becomes 7 per second, 0.5/s one per two seconds. */
  static RateLimiterConfig config(double perSecond, Duration maxWait) {
    int permits;
    Duration period;
    if (perSecond >= 1) {
      permits = (int) Math.floor(perSecond);
      period = Duration.ofSeconds(1);
    } else {
      permits = 1;
      period = Duration.ofMillis((long) Math.ceil(1000 / perSecond));
    }
    return RateLimiterConfig.custom()
        .limitForPeriod(permits)
        .limitRefreshPeriod(period)
        .timeoutDuration(maxWait)
        .build();
  }
}
