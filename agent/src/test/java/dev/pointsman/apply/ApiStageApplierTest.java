package dev.pointsman.apply;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.apply.apigateway.ApiStageApplier;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.model.Source;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.testing.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FlushStageCache, which the emulator does not serve: WireMock answers as API Gateway does, so the
 * real SDK request is checked (DELETE /restapis/{id}/stages/{stage}/cache/data after the update).
 */
class ApiStageApplierTest {
  private static final String STAGE = "/restapis/abc123defg/stages/prod";
  @RegisterExtension final FakeAws fake = new FakeAws();
  private final Environment env = FakeAws.ENV;
  private final ApiStageObservation observed =
      new ApiStageObservation(
          "abc123defg",
          Optional.of(new LiveApiStage("prod", "d1", Map.of(), Optional.empty())),
          Set.of(),
          Map.of());

  private ApiStage desired(boolean flush) {
    return new ApiStage(
        "prod",
        "orders",
        new ApiStage.ApiRef(Optional.of("abc123defg"), Optional.empty()),
        "prod",
        "d2",
        Map.of(),
        Optional.empty(),
        flush,
        List.of(),
        List.of(),
        Optional.empty(),
        new Source("prod/api.yaml", 1));
  }

  private ApplyResult apply(ApiStage d) {
    Change change =
        new Change(d.id(), Action.UPDATE, List.of(new FieldChange("deploymentId", "d1", "d2")), d);
    return new ApiStageApplier(
            fake.clients(),
            new AwsCalls(new AwsCalls.RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2))))
        .apply(env, d, observed, change);
  }

  @BeforeEach
  void stubTheUpdate() {
    fake.server()
        .stubFor(
            patch(urlPathEqualTo(STAGE))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withBody("{\"stageName\":\"prod\",\"deploymentId\":\"d2\"}")));
  }

  @Test
  void theCacheIsFlushedAfterAChangeWhenAsked() {
    fake.server()
        .stubFor(
            delete(urlPathEqualTo(STAGE + "/cache/data")).willReturn(aResponse().withStatus(202)));

    ApplyResult result = apply(desired(true));

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.UPDATED);
    fake.server().verify(1, patchRequestedFor(urlPathEqualTo(STAGE)));
    fake.server().verify(1, deleteRequestedFor(urlPathEqualTo(STAGE + "/cache/data")));
  }

  @Test
  void theCacheIsLeftAloneUnlessAsked() {
    assertThat(apply(desired(false)).outcome()).isEqualTo(ApplyResult.Outcome.UPDATED);
    fake.server().verify(0, deleteRequestedFor(urlPathEqualTo(STAGE + "/cache/data")));
  }

  @Test
  void aFailedFlushIsReportedWithoutCallingTheMoveAFailure() {
    fake.server()
        .stubFor(
            delete(urlPathEqualTo(STAGE + "/cache/data"))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("x-amzn-ErrorType", "BadRequestException")
                        .withBody("{\"message\":\"no cache\"}")));

    ApplyResult result = apply(desired(true));

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.UPDATED);
    assertThat(result.detail()).contains("flushing its cache failed", "BadRequestException");
  }
}
