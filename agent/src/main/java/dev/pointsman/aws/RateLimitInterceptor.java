package dev.pointsman.aws;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Takes a permit from the family's limiter before every attempt of every call of one client (one
 * client = one account and Region), so retries count against the budget too.
 */
final class RateLimitInterceptor implements ExecutionInterceptor {
  private final RateLimits limits;
  private final String account;
  private final String region;

  RateLimitInterceptor(RateLimits limits, String account, String region) {
    this.limits = limits;
    this.account = account;
    this.region = region;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String family =
        limits.family(
            String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)),
            String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
    RateLimiter limiter = limits.limiter(account, region, family);
    try {
      RateLimiter.waitForPermission(limiter);
    } catch (RequestNotPermitted e) {
      throw SdkClientException.create(
          "client-side rate limit for "
              + family
              + " in "
              + account
              + "/"
              + region
              + " still exhausted");
    }
  }
}
