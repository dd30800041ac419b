package dev.pointsman.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.apigateway.model.UpdateStageResponse;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

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
    List<String> served = SdkCallRehearsal.run(ops, () -> false, 1, new ArrayList<>());
    assertThat(served)
        .containsExactlyInAnyOrder(
            "PUT /2015-03-31/functions/rehearsal/aliases/rehearsal",
            "GET /2015-03-31/functions/rehearsal/aliases",
            "PATCH /restapis/rehearsal/stages/rehearsal",
            "POST /");
  }

  @Test
  void eachCallIsAnsweredWithEveryFieldOfItsResponseSetAsAwsWouldAnswer() throws Exception {
    List<Object> answers = new ArrayList<>();
    SdkCallRehearsal.run(
        List.of(
            AwsOperation.of("lambda", "GetFunction"),
            AwsOperation.of("lambda", "UpdateAlias"),
            AwsOperation.apiGateway("UpdateStage", "PATCH"),
            AwsOperation.of("ecs", "UpdateService")),
        () -> false,
        1,
        answers);

    assertThat(answers).hasSize(4);
    GetFunctionResponse function = find(answers, GetFunctionResponse.class);
    assertThat(function.configuration().codeSha256()).isEqualTo("rehearsal");
    assertThat(function.configuration().memorySize()).isEqualTo(1);
    UpdateAliasResponse alias = find(answers, UpdateAliasResponse.class);
    assertThat(alias.routingConfig().additionalVersionWeights()).containsEntry("rehearsal", 1.5);
    UpdateStageResponse stage = find(answers, UpdateStageResponse.class);
    assertThat(stage.variables()).containsEntry("rehearsal", "rehearsal");
    assertThat(stage.createdDate()).isNotNull();
    UpdateServiceResponse service = find(answers, UpdateServiceResponse.class);
    assertThat(service.service().deployments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.createdAt()).isNotNull();
              assertThat(d.desiredCount()).isEqualTo(1);
            });
  }

  @Test
  void callsAreRepeatedInRoundsUntilEnoughWereMadeAndOnlyTheFirstRoundsAnswersAreKept()
      throws Exception {
    List<Object> answers = new ArrayList<>();
    List<String> served =
        SdkCallRehearsal.run(
            List.of(
                AwsOperation.of("lambda", "UpdateAlias"),
                AwsOperation.of("lambda", "GetFunction"),
                AwsOperation.of("sts", "GetCallerIdentity")),
            () -> false,
            5,
            answers);

    // Two calls a round (STS is not rehearsed): three whole rounds make the five asked for.
    assertThat(served).hasSize(6);
    assertThat(served.subList(0, 2)).isEqualTo(served.subList(2, 4));
    assertThat(served.subList(0, 2)).isEqualTo(served.subList(4, 6));
    assertThat(answers).hasSize(2);
  }

  @Test
  @Timeout(120)
  void noRoundBeginsOnceTheRoundsTimeIsUpWhateverWasAskedFor() throws Exception {
    List<String> served =
        SdkCallRehearsal.run(
            List.of(AwsOperation.of("lambda", "GetFunction")),
            () -> false,
            Integer.MAX_VALUE,
            new ArrayList<>());

    assertThat(served).isNotEmpty().allMatch(r -> r.equals(served.get(0)));
  }

  @Test
  void withNoCallOfAServiceItRehearsesItMakesNoCallsAndDoesNotLoop() throws Exception {
    assertThat(
            SdkCallRehearsal.run(
                List.of(AwsOperation.of("sts", "GetCallerIdentity")),
                () -> false,
                SdkCallRehearsal.CALLS,
                new ArrayList<>()))
        .isEmpty();
  }

  private static <T> T find(List<Object> answers, Class<T> type) {
    return answers.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
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
