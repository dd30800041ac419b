package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.Quotas;
import dev.pointsman.aws.RateLimits;
import dev.pointsman.cli.Components;
import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.Commit;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With 30% of AWS calls answered 429 / 500 / slow / reset by a fault-injecting proxy, the agent
 * still converges — no duplicate revision, no duplicate permission — and keeps its client-side rate
 * limit.
 */
class FaultsIT {
  private static final ExecutorService READERS = Reconciler.readerPool();

  @AfterAll
  static void stopReaders() {
    READERS.shutdownNow();
  }

  @TempDir Path tmp;

  @Test
  void thirtyPercentFaultsStillConvergeWithinTheRateLimit() throws Exception {
    try (LambdaFixture lambda = new LambdaFixture();
        ApiGatewayFixture apigw = new ApiGatewayFixture();
        EcsFixture ecs = new EcsFixture();
        FaultyProxy proxy = new FaultyProxy(Emulator.endpoint(), 0.3, 42)) {
      List<String> fns =
          List.of(
              LambdaFixture.uniqueName("chaos-a"),
              LambdaFixture.uniqueName("chaos-b"),
              LambdaFixture.uniqueName("chaos-c"));
      for (String fn : fns) lambda.createFunction(fn, 2);
      String cluster = LambdaFixture.uniqueName("chaos");
      String family = LambdaFixture.uniqueName("chaos-orders");
      ecs.createService(cluster, "orders", family);
      List<String> api = apigw.createApi(LambdaFixture.uniqueName("chaos-api"), 2);
      apigw.createStage(api.get(0), "prod", api.get(1), java.util.Map.of("env", "live"));
      GitFixture repo = new GitFixture(tmp.resolve("repo"));
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, false));
      for (String fn : fns)
        repo.write("prod/" + fn + ".yaml", Manifests.alias(fn, fn, "live", "2"));
      repo.write("prod/api.yaml", Manifests.stageWithPermission(api.get(0), api.get(2), fns.get(0)))
          .write("prod/ecs.yaml", Manifests.service(cluster, EcsFixture.DIGEST_B))
          .commit("Everything moves under fire");

      // A tight Lambda budget (2 requests/s) makes the limit visible in a short test.
      Quotas quotas =
          Kinds.quotas(
              1.0,
              List.of(Emulator.ACCOUNT + ":lambda=2", Emulator.ACCOUNT + ":lambda-getfunction=2"));
      int passes = 0;
      PassResult result;
      try (AwsClients clients =
              new AwsClients(
                  Emulator.credentials(),
                  Optional.of(proxy.endpoint()),
                  List.of(),
                  Optional.of(new RateLimits(quotas, Duration.ofMinutes(1))));
          GitSource git =
              new GitSource(
                  new GitSettings(
                      repo.url(),
                      Optional.empty(),
                      tmp.resolve("work"),
                      Optional.empty(),
                      Optional.empty()))) {
        Pass pass =
            Components.pass(
                new Components.Wiring(
                    clients,
                    new AwsCalls(
                        new AwsCalls.RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(1))),
                    READERS));
        do {
          Commit c = git.sync();
          result = pass.run(c, git.files(c.sha(), "."), Set.of(), true);
          passes++;
        } while (!result.settled() && passes < 10);
      }
      repo.close();
      System.out.printf(
          "faults injected: %d of %d requests; passes to converge: %d%n",
          proxy.faults(), proxy.requests(), passes);

      assertThat(result.settled()).as("converged within 10 passes: %s", result).isTrue();
      assertThat(proxy.faults()).isGreaterThan(5);
      for (String fn : fns) assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
      assertThat(apigw.stage(api.get(0), "prod").deploymentId()).isEqualTo(api.get(2));
      assertThat(ecs.revisions(family)).as("one new revision despite retries").hasSize(2);
      String policy =
          lambda.client().getPolicy(r -> r.functionName(fns.get(0)).qualifier("live")).policy();
      assertThat(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(policy)
                  .path("Statement")
                  .size())
          .isEqualTo(1);
      assertThat(maxInAnySecond(proxy.lambdaRequestTimes()))
          .as("Lambda requests in any 1-second window (two 2-per-second families, fixed windows)")
          .isLessThanOrEqualTo(8);
    }
  }

  private static int maxInAnySecond(List<Instant> times) {
    int max = 0;
    for (int i = 0, j = 0; i < times.size(); i++) {
      while (times.get(i).toEpochMilli() - times.get(j).toEpochMilli() >= 1000) j++;
      max = Math.max(max, i - j + 1);
    }
    return max;
  }
}
