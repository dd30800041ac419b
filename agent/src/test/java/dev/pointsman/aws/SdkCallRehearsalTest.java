package dev.pointsman.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdkCallRehearsalTest {
  @Test
  void eachCallOfTheWrittenServicesReachesTheLoopbackServerAndNothingElse() throws Exception {
    List<AwsOperation> ops =
        List.of(
            AwsOperation.of("lambda", "UpdateAlias"),
            AwsOperation.of("lambda", "ListAliases"),
            AwsOperation.apiGateway("UpdateStage", "PATCH"),
            AwsOperation.of("ecs", "UpdateService"),
            AwsOperation.of("sts", "GetCallerIdentity")); // not a service a pass writes to
    List<String> served = SdkCallRehearsal.run(ops, () -> false);
    assertThat(served)
        .containsExactlyInAnyOrder(
            "PUT /2015-03-31/functions/rehearsal/aliases/rehearsal",
            "GET /2015-03-31/functions/rehearsal/aliases",
            "PATCH /restapis/rehearsal/stages/rehearsal",
            "POST /");
  }

  @Test
  void itStopsWhenInterruptedWhileWaiting() throws Exception {
    Thread.currentThread().interrupt();
    try {
      assertThat(
              SdkCallRehearsal.run(List.of(AwsOperation.of("lambda", "UpdateAlias")), () -> true))
          .isEmpty();
    } finally {
      Thread.interrupted();
    }
  }
}
