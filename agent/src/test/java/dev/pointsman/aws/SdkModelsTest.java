package dev.pointsman.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SdkModelsTest {
  private static final List<AwsOperation> LAMBDA =
      List.of(AwsOperation.of("lambda", "GetFunction"), AwsOperation.of("lambda", "UpdateAlias"));

  @Test
  void everyStructureNestedInTheRequestsAndResponsesIsPrepared() {
    // GetFunction's response nests the function's configuration, its VPC, layers, logging...
    assertThat(SdkModels.prepare(LAMBDA, () -> false)).isGreaterThan(20);
    // Once is enough: a second preparation finds the same classes.
    assertThat(SdkModels.prepare(List.of(AwsOperation.of("lambda", "GetFunction")), () -> false))
        .isGreaterThan(15);
  }

  @Test
  void anOperationTheSdkDoesNotKnowIsPassedOver() {
    assertThat(SdkModels.prepare(List.of(AwsOperation.of("nosuchservice", "Nothing")), () -> false))
        .isZero();
  }

  @Test
  void itWaitsWhileBusyAndStopsWhenInterrupted() throws Exception {
    AtomicBoolean busy = new AtomicBoolean(true);
    CountDownLatch asked = new CountDownLatch(1);
    CompletableFuture<Integer> done =
        CompletableFuture.supplyAsync(
            () ->
                SdkModels.prepare(
                    LAMBDA,
                    () -> {
                      asked.countDown();
                      return busy.get();
                    }));
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(done).as("waits while busy").isNotDone();
    busy.set(false);
    assertThat(done.get(30, TimeUnit.SECONDS)).isGreaterThan(20);

    Thread.currentThread().interrupt();
    try {
      assertThat(SdkModels.prepare(LAMBDA, () -> false)).isZero();
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
    }
  }
}
