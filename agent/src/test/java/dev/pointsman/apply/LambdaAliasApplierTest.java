package dev.pointsman.apply;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.apply.lambda.LambdaAliasApplier;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.Percent;
import dev.pointsman.model.Routing;
import dev.pointsman.model.Source;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.testing.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AWS's own behaviour, which the emulator does not reproduce (it ignores RevisionId): an
 * UpdateAlias whose RevisionId is stale gets 412 PreconditionFailedException. The applier must send
 * the RevisionId it read, must not retry on 412, and must say that the alias will be re-read.
 */
class LambdaAliasApplierTest {
  @RegisterExtension final FakeAws fake = new FakeAws();
  private final Environment env = FakeAws.ENV;
  private final LambdaAlias desired =
      new LambdaAlias(
          "prod",
          "orders",
          "orders",
          "live",
          "7",
          Optional.empty(),
          Optional.of(new Routing("8", Percent.of("10"))),
          Optional.empty(),
          new Source("prod/orders.yaml", 1));
  private final LambdaAliasObservation observed =
      new LambdaAliasObservation(
          Optional.of(new LiveLambdaAlias("orders", "live", "5", Optional.empty(), "rev-read-1")),
          Map.of());
  private final Change change =
      new Change(
          desired.id(), Action.UPDATE, List.of(new FieldChange("version", "5", "7")), desired);

  @Test
  void aStaleRevisionIdIsReportedAndNotRetriedOrForced() {
    fake.server()
        .stubFor(
            put(urlPathEqualTo("/2015-03-31/functions/orders/aliases/live"))
                .willReturn(
                    aResponse()
                        .withStatus(412)
                        .withHeader("x-amzn-ErrorType", "PreconditionFailedException")
                        .withHeader("x-amzn-RequestId", "req-123")
                        .withBody(
                            "{\"Type\":\"User\",\"message\":\"The Revision Id provided does not match the latest Revision Id.\"}")));

    ApplyResult result = applier().apply(env, desired, observed, change);

    assertThat(result.failed()).isTrue();
    assertThat(result.detail())
        .contains("RevisionId mismatch", "re-read", "PreconditionFailedException", "req-123");
    fake.server()
        .verify(1, putRequestedFor(urlPathEqualTo("/2015-03-31/functions/orders/aliases/live")));
    fake.server()
        .verify(
            putRequestedFor(urlPathEqualTo("/2015-03-31/functions/orders/aliases/live"))
                .withRequestBody(
                    equalToJson(
                        "{\"FunctionVersion\":\"7\",\"RevisionId\":\"rev-read-1\","
                            + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"8\":0.1}}}")));
  }

  @Test
  void aMatchingRevisionIdUpdatesInOneCall() {
    fake.server()
        .stubFor(
            put(urlPathEqualTo("/2015-03-31/functions/orders/aliases/live"))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withBody(
                            "{\"Name\":\"live\",\"FunctionVersion\":\"7\",\"RevisionId\":\"rev-2\"}")));

    ApplyResult result = applier().apply(env, desired, observed, change);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.UPDATED);
    fake.server()
        .verify(1, putRequestedFor(urlPathEqualTo("/2015-03-31/functions/orders/aliases/live")));
  }

  private LambdaAliasApplier applier() {
    return new LambdaAliasApplier(
        fake.clients(),
        new AwsCalls(new AwsCalls.RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2))));
  }
}
