package dev.pointsman.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallsTest {
  private final AwsCalls calls =
      new AwsCalls(new AwsCalls.RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)));

  private static AwsServiceException error(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build())
        .build();
  }

  @Test
  void throttlingIsRetriedUntilItSucceeds() {
    AtomicInteger attempts = new AtomicInteger();
    String result =
        calls.call(
            () -> {
              if (attempts.incrementAndGet() < 3) throw error(429, "TooManyRequestsException");
              return "ok";
            });
    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void serverErrorsAndIoErrorsAreTransient() {
    assertThat(AwsCalls.isTransient(error(500, "ServiceException"))).isTrue();
    assertThat(AwsCalls.isTransient(error(503, "ServiceUnavailable"))).isTrue();
    assertThat(AwsCalls.isTransient(error(400, "ThrottlingException"))).isTrue();
    assertThat(AwsCalls.isTransient(SdkClientException.create("Connection reset"))).isTrue();
  }

  @Test
  void accessDeniedValidationAndNotFoundAreNotRetried() {
    for (AwsServiceException e :
        new AwsServiceException[] {
          error(403, "AccessDeniedException"),
          error(400, "InvalidParameterValueException"),
          error(404, "ResourceNotFoundException"),
          error(412, "PreconditionFailedException")
        }) {
      AtomicInteger attempts = new AtomicInteger();
      assertThatThrownBy(
              () ->
                  calls.call(
                      () -> {
                        attempts.incrementAndGet();
                        throw e;
                      }))
          .isSameAs(e);
      assertThat(attempts).as(e.awsErrorDetails().errorCode()).hasValue(1);
    }
  }

  @Test
  void givesUpAfterTheConfiguredAttempts() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                calls.call(
                    () -> {
                      attempts.incrementAndGet();
                      throw error(500, "ServiceException");
                    }))
        .isInstanceOf(AwsServiceException.class);
    assertThat(attempts).hasValue(4);
  }

  @Test
  void aBackgroundCallThatGaveWayToAPushIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    try (CallLane.Background lane = CallLane.background(() -> true)) {
      assertThatThrownBy(
              () ->
                  calls.call(
                      () -> {
                        attempts.incrementAndGet();
                        if (lane.mustYield()) throw SdkClientException.create("gave way");
                        return "read";
                      }))
          .hasMessageContaining("gave way");
    }
    assertThat(attempts).as("retrying would keep the push waiting").hasValue(1);
  }
}
