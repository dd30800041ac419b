package dev.pointsman.aws;

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
    boolean permitted;
    try {
      permitted = limits.acquire(account, region, family);
    } catch (RateLimits.Yielded e) {
      throw SdkClientException.create(
          "drift sweep call to " + family + " gave way to a commit pass (read again later)");
    }
    if (!permitted) {
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
