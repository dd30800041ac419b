package dev.pointsman.apply;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.apply.appconfig.AppConfigApplier;
import dev.pointsman.apply.lambda.LambdaFunctionApplier;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.AppConfigObservation;
import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.LambdaFunctionObservation;
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
 * AWS's behaviour where the emulator is lenient: PublishVersion refuses (412) when $LATEST changed
 * since the CodeSha256/RevisionId the agent checked (the emulator publishes anyway), and
 * StartDeployment answers 409 while a stopped deployment is still rolling back (the emulator rolls
 * back at once).
 */
class LambdaFunctionApplierTest {
  private static final String SHA_A = "H5NWc78j5rsdPZ8q3le+t3AWRtwY/pgaihjZjMjM7pU=";
  private static final String SHA_B = "yOYXO6vIaadI6SI1IDURPlKdn8dpq/3O8j0Bcro/zug=";
  @RegisterExtension final FakeAws fake = new FakeAws();
  private final AwsCalls calls =
      new AwsCalls(new AwsCalls.RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)));

  private final LambdaFunction spec =
      new LambdaFunction(
          "prod",
          "orders",
          "orders",
          new LambdaFunction.Code("artifacts", "orders.zip", Optional.empty(), SHA_A),
          Map.of("STAGE", "prod"),
          Optional.empty(),
          List.of(),
          new Source("prod/orders.yaml", 1));
  private final Change change =
      new Change(
          spec.id(),
          Action.UPDATE,
          List.of(new FieldChange("publishedVersion", "none", "one with this content")),
          spec);

  private void latestIs(String sha) {
    fake.server()
        .stubFor(
            get(urlPathEqualTo("/2015-03-31/functions/orders/configuration"))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withBody(
                            "{\"FunctionName\":\"orders\",\"Version\":\"$LATEST\",\"CodeSha256\":\""
                                + sha
                                + "\",\"Environment\":{\"Variables\":{\"STAGE\":\"prod\"}},"
                                + "\"RevisionId\":\"rev-9\",\"LastUpdateStatus\":\"Successful\"}")));
    fake.server()
        .stubFor(
            get(urlPathEqualTo("/2015-03-31/functions/orders/versions"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Versions\":[]}")));
  }

  private LambdaFunctionObservation observedLatest(String sha) {
    return new LambdaFunctionObservation(
        new LambdaFunctionObservation.Content(sha, Map.of("STAGE", "prod"), Optional.empty()),
        "Successful",
        List.of());
  }

  @Test
  void aPublishRefusedBecauseLatestMovedIsReportedAndNotRetried() {
    latestIs(SHA_A);
    fake.server()
        .stubFor(
            post(urlPathEqualTo("/2015-03-31/functions/orders/versions"))
                .willReturn(
                    aResponse()
                        .withStatus(412)
                        .withHeader("x-amzn-ErrorType", "PreconditionFailedException")
                        .withHeader("x-amzn-RequestId", "req-7")
                        .withBody(
                            "{\"Type\":\"User\",\"message\":\"The Revision Id provided does not match the latest Revision Id.\"}")));

    ApplyResult result =
        new LambdaFunctionApplier(fake.clients(), calls)
            .apply(FakeAws.ENV, spec, observedLatest(SHA_A), change);

    assertThat(result.failed()).isTrue();
    assertThat(result.detail()).contains("PreconditionFailedException", "req-7");
    fake.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/2015-03-31/functions/orders/versions"))
                .withRequestBody(matchingJsonPath("$.CodeSha256", equalTo(SHA_A)))
                .withRequestBody(matchingJsonPath("$.RevisionId", equalTo("rev-9"))));
  }

  @Test
  void aPackageWithAnotherHashIsNeverPublished() {
    latestIs(SHA_B); // the object at the key is not the build Git names
    fake.server()
        .stubFor(
            put(urlPathEqualTo("/2015-03-31/functions/orders/code"))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withBody(
                            "{\"FunctionName\":\"orders\",\"CodeSha256\":\"" + SHA_B + "\"}")));

    ApplyResult result =
        new LambdaFunctionApplier(fake.clients(), calls)
            .apply(FakeAws.ENV, spec, observedLatest(SHA_B), change);

    assertThat(result.failed()).isTrue();
    assertThat(result.detail()).contains("has CodeSha256 " + SHA_B, "nothing was published");
    fake.server()
        .verify(0, postRequestedFor(urlPathEqualTo("/2015-03-31/functions/orders/versions")));
  }

  @Test
  void aStartDeploymentRefusedWhileARollbackRunsWaitsInsteadOfFailing() {
    fake.server()
        .stubFor(
            post(urlPathEqualTo("/applications/app1/environments/env1/deployments"))
                .willReturn(
                    aResponse()
                        .withStatus(409)
                        .withHeader("x-amzn-ErrorType", "ConflictException")
                        .withBody("{\"Message\":\"Deployment 3 is already in progress\"}")));
    AppConfigDeployment d =
        new AppConfigDeployment(
            "prod",
            "flags",
            "shop",
            "prod",
            "flags",
            4,
            "AppConfig.AllAtOnce",
            new Source("prod/flags.yaml", 1));
    AppConfigObservation observed =
        new AppConfigObservation(
            new AppConfigObservation.Ids(
                "app1", "env1", "prof1", Optional.of("AppConfig.AllAtOnce")),
            true,
            true,
            Optional.of(
                new AppConfigObservation.Deployment(
                    3, "flags", 2, AppConfigObservation.State.COMPLETE)),
            Optional.empty());
    Change c = new Change(d.id(), Action.UPDATE, List.of(new FieldChange("version", "2", "4")), d);

    ApplyResult result =
        new AppConfigApplier(fake.clients(), calls).apply(FakeAws.ENV, d, observed, c);

    assertThat(result.deferred()).as(result.toString()).isTrue();
    assertThat(result.failed()).isFalse();
    assertThat(result.detail()).contains("starts when it ends");
  }
}
