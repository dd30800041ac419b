package dev.pointsman.live.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.CallLane;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import dev.pointsman.testing.FakeAws;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;

/**
 * The code hash of a promoted version is read beside the function's ListAliases in a commit pass
 * (one round trip saved), never in background reads (a sweep costs the minimum calls).
 */
class LambdaAliasReaderTest {
  private static final String ALIASES = "/2015-03-31/functions/orders/aliases";
  private static final String FUNCTION = "/2015-03-31/functions/orders";

  @RegisterExtension final FakeAws fake = new FakeAws();

  private static LambdaAlias desired(String version) {
    return new LambdaAlias(
        "prod",
        "orders",
        "orders",
        "live",
        version,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Source("prod/orders.yaml", 1));
  }

  private void aliasServes(String version, int delayMillis) {
    fake.server()
        .stubFor(
            get(urlPathEqualTo(ALIASES))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"Aliases\":[{\"Name\":\"live\",\"FunctionVersion\":\""
                                + version
                                + "\",\"RevisionId\":\"r1\"}]}")));
    fake.server()
        .stubFor(
            get(urlPathEqualTo(FUNCTION))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Configuration\":{\"CodeSha256\":\"hash-of-2\"}}")));
  }

  private Map<ResourceId, Observed<LambdaAliasObservation>> read(
      LambdaAliasReader reader, LambdaAlias alias) {
    return reader.read(FakeAws.ENV, List.of(alias));
  }

  private static LoggedRequest only(List<LoggedRequest> requests) {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void aCommitPassReadsThePromotedVersionsHashBesideListAliases() {
    aliasServes("1", 1500);
    LambdaAliasReader reader =
        new LambdaAliasReader(fake.clients(), new AwsCalls(AwsCalls.RetryPolicy.defaults()));

    var observed = read(reader, desired("2"));

    LoggedRequest list = only(fake.server().findAll(getRequestedFor(urlPathEqualTo(ALIASES))));
    LoggedRequest hash = only(fake.server().findAll(getRequestedFor(urlPathEqualTo(FUNCTION))));
    assertThat(hash.queryParameter("Qualifier").firstValue()).isEqualTo("2");
    // Sent while ListAliases was still unanswered (it takes 1.5 s), not after it.
    assertThat(hash.getLoggedDate().getTime() - list.getLoggedDate().getTime()).isLessThan(1000);
    assertThat(observed.get(desired("2").id()))
        .isEqualTo(
            Observed.ok(
                new LambdaAliasObservation(
                    Optional.of(LambdaAliasReader.toLive("orders", aliasConfig("1"))),
                    Map.of("2", Optional.of("hash-of-2")))));

    // Published versions are immutable: the next pass reads the aliases only.
    read(reader, desired("2"));
    assertThat(fake.server().findAll(getRequestedFor(urlPathEqualTo(FUNCTION)))).hasSize(1);
  }

  @Test
  void aSweepReadsNoHashOfAVersionTheAliasServesAlready() {
    aliasServes("2", 0);
    LambdaAliasReader reader =
        new LambdaAliasReader(fake.clients(), new AwsCalls(AwsCalls.RetryPolicy.defaults()));

    Map<ResourceId, Observed<LambdaAliasObservation>> observed;
    try (CallLane.Background lane = CallLane.background(() -> false)) {
      observed = read(reader, desired("2"));
    }

    assertThat(fake.server().findAll(getRequestedFor(urlPathEqualTo(FUNCTION)))).isEmpty();
    assertThat(observed.get(desired("2").id()))
        .isEqualTo(
            Observed.ok(
                new LambdaAliasObservation(
                    Optional.of(LambdaAliasReader.toLive("orders", aliasConfig("2"))),
                    Map.of("2", Optional.of(LambdaAliasObservation.NOT_READ)))));
  }

  @Test
  void aVersionThatDoesNotExistReadsAsAbsentAlsoWhenReadAhead() {
    aliasServes("1", 200);
    fake.server()
        .stubFor(
            get(urlPathEqualTo(FUNCTION))
                .willReturn(
                    aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                        .withBody(
                            "{\"Type\":\"User\",\"message\":\"Function not found: orders:9\"}")));
    LambdaAliasReader reader =
        new LambdaAliasReader(fake.clients(), new AwsCalls(AwsCalls.RetryPolicy.defaults()));

    var observed = read(reader, desired("9"));

    assertThat(observed.get(desired("9").id()))
        .isEqualTo(
            Observed.ok(
                new LambdaAliasObservation(
                    Optional.of(LambdaAliasReader.toLive("orders", aliasConfig("1"))),
                    Map.of("9", Optional.empty()))));
  }

  private static AliasConfiguration aliasConfig(String version) {
    return AliasConfiguration.builder()
        .name("live")
        .functionVersion(version)
        .revisionId("r1")
        .build();
  }
}
