package dev.pointsman.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pointsman.aws.AccountGuard;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.live.LiveReader;
import dev.pointsman.live.refs.ConfigRefChecker;
import dev.pointsman.manifest.FleetFiles;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Environments in different Regions (each its own quotas) are read at the same time, not one after
 * another; environments that share an account, Region and role are read once for all of them.
 */
class ParallelReadsTest {
  private static final String ACCOUNT = "000000000000";
  private final WireMockServer sts =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private AwsClients clients;
  private final ExecutorService readers = Reconciler.readerPool();

  @BeforeEach
  void start() {
    sts.start();
    sts.stubFor(
        post(anyUrl())
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>"
                            + ACCOUNT
                            + "</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")));
    clients =
        new AwsClients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
            Optional.of(URI.create(sts.baseUrl())));
  }

  @AfterEach
  void stop() {
    readers.shutdownNow();
    clients.close();
    sts.stop();
  }

  @Test
  void threeEnvironmentsInThreeRegionsAreReadConcurrently() {
    int envs = 3;
    // Each environment's reader waits until all three are reading: read one after another, they
    // would wait for the full timeout and report failures.
    CountDownLatch allReading = new CountDownLatch(envs);
    LiveReader<LambdaAlias, LambdaAliasObservation> reader =
        (env, desired) -> {
          allReading.countDown();
          boolean together;
          try {
            together = allReading.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          Map<ResourceId, Observed<LambdaAliasObservation>> live = new HashMap<>();
          for (LambdaAlias d : desired) {
            live.put(
                d.id(),
                together
                    ? aliasAt(d, d.version())
                    : Observed.failed("read alone: environments were read one after another"));
          }
          return live;
        };
    Reconciler reconciler = reconciler(reader);

    DesiredState state = environments(envs, true);
    var plan = planAll(reconciler, state);

    assertThat(plan.errors()).isEmpty();
    assertThat(plan.changes()).hasSize(envs * 2 * 3);
    assertThat(plan.pending()).isEmpty();
  }

  @Test
  void environmentsSharingAccountAndRegionAreReadOnceForAll() {
    List<List<ResourceId>> readCalls = new ArrayList<>();
    LiveReader<LambdaAlias, LambdaAliasObservation> reader =
        (env, desired) -> {
          synchronized (readCalls) {
            readCalls.add(desired.stream().map(LambdaAlias::id).toList());
          }
          Map<ResourceId, Observed<LambdaAliasObservation>> live = new HashMap<>();
          for (LambdaAlias d : desired) {
            // env0 is live at its version; the others are one version behind.
            String version = d.id().environment().equals("env0") ? d.version() : "0";
            live.put(d.id(), aliasAt(d, version));
          }
          return live;
        };
    Reconciler reconciler = reconciler(reader);

    DesiredState state = environments(3, false);
    var plan = planAll(reconciler, state);

    assertThat(readCalls).hasSize(1);
    assertThat(readCalls.get(0)).hasSize(3 * 2 * 3);
    assertThat(readCalls.get(0).stream().map(ResourceId::environment).distinct())
        .containsExactlyInAnyOrder("env0", "env1", "env2");
    // Each environment is still planned on its own, against its own aliases.
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.changes()).hasSize(3 * 2 * 3);
    assertThat(plan.pending())
        .hasSize(2 * 2 * 3)
        .allSatisfy(c -> assertThat(c.id().environment()).isNotEqualTo("env0"));
  }

  /** {@code d}'s alias live at {@code version}; the version {@code d} declares exists. */
  private static Observed<LambdaAliasObservation> aliasAt(LambdaAlias d, String version) {
    return Observed.ok(
        new LambdaAliasObservation(
            Optional.of(
                new LiveLambdaAlias(d.functionName(), d.alias(), version, Optional.empty(), "r")),
            Map.of(d.version(), Optional.of("sha"))));
  }

  /** Every environment of {@code state} read and planned, nothing applied. */
  private static Plan planAll(Reconciler reconciler, DesiredState state) {
    return reconciler
        .prepare(
            new Commit("c0ffee", "test", "tester", Instant.EPOCH),
            new LoadResult(state, List.of()),
            state,
            Set.of())
        .plan();
  }

  private Reconciler reconciler(LiveReader<LambdaAlias, LambdaAliasObservation> reader) {
    AwsCalls calls =
        new AwsCalls(new AwsCalls.RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)));
    return new Reconciler(
        new AccountGuard(clients, calls, Clock.systemUTC())::check,
        new ConfigRefChecker(clients, calls)::problems,
        List.of(
            new KindModule<>(
                LambdaAlias.class,
                reader,
                new LambdaAliasDiffer(),
                (env, d, o, change) -> {
                  throw new AssertionError("nothing is applied here");
                })),
        readers);
  }

  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-south-1");

  private static DesiredState environments(int count, boolean regionEach) {
    List<ManifestFile> files = new ArrayList<>();
    for (int e = 0; e < count; e++) {
      String region = regionEach ? REGIONS.get(e) : "us-east-1";
      files.addAll(FleetFiles.as(FleetFiles.of(2, 0, 0), "env" + e, region));
    }
    var load = Kinds.manifestLoader().load(files);
    assertThat(load.errors()).isEmpty();
    return load.state();
  }
}
