package dev.pointsman.aws;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Every AWS call goes through here: throttling, 5xx and I/O errors are retried with exponential
 * backoff and jitter (honouring Retry-After); access denied, validation and not-found errors are
 * not, because retrying cannot fix them. The SDK's own retries are switched off in {@link
 * AwsClients} so that this is the one policy.
 */
public final class AwsCalls {
  private static final Set<String> TRANSIENT_CODES =
      Set.of("ServiceException", "ServiceUnavailable", "RequestTimeout");

  private final Retry retry;

  public AwsCalls(RetryPolicy policy) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            policy.initialBackoff(), 2.0, 0.5, policy.maxBackoff());
    IntervalBiFunction<Object> interval =
        (attempt, outcome) ->
            (outcome != null && outcome.isLeft()
                    ? retryAfter(outcome.getLeft())
                    : Optional.<Duration>empty())
                .map(Duration::toMillis)
                .orElseGet(() -> backoff.apply(attempt));
    this.retry =
        Retry.of(
            "aws",
            RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(AwsCalls::isTransient)
                .build());
  }

  /** Runs one AWS request, retried while the failure is transient. */
  public <T> T call(Supplier<T> request) {
    return Retry.decorateSupplier(retry, request).get();
  }

  public static boolean isTransient(Throwable t) {
    // Background work that gave way to a push stops at once; it is read again later.
    if (CallLane.gaveWay()) return false;
    if (t instanceof SdkClientException) return true; // I/O: connection reset, timeout, DNS
    if (t instanceof AwsServiceException e) {
      String code =
          e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
      return e.isThrottlingException()
          || e.statusCode() == 429
          || e.statusCode() >= 500
          || TRANSIENT_CODES.contains(code);
    }
    return false;
  }

  private static Optional<Duration> retryAfter(Throwable t) {
    if (!(t instanceof AwsServiceException e)
        || e.awsErrorDetails() == null
        || e.awsErrorDetails().sdkHttpResponse() == null) {
      return Optional.empty();
    }
    return e.awsErrorDetails()
        .sdkHttpResponse()
        .firstMatchingHeader("Retry-After")
        .flatMap(
            v -> {
              try {
                long seconds = Long.parseLong(v.trim());
                return Optional.of(Duration.ofSeconds(Math.min(Math.max(seconds, 0), 60)));
              } catch (NumberFormatException nfe) {
                return Optional.empty();
              }
            });
  }

  /** How hard to retry; immutable policy, kept apart from per-call retry state. */
  public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static RetryPolicy defaults() {
      return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(20));
    }
  }
}
