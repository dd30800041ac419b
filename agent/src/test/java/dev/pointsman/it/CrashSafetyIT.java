package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent SIGKILLed right after each AWS write of a multi-resource apply (two aliases, a stage
 * with an invoke permission, an ECS service): the next apply converges, with exactly one new
 * task-definition revision and exactly one permission statement, whatever the crash point.
 */
class CrashSafetyIT {
  private static final int WRITES =
      6; // CreateAlias x2, UpdateStage, AddPermission, RegisterTaskDefinition, UpdateService
  @TempDir Path tmp;

  @Test
  void killedAfterAnyWriteTheNextApplyConvergesWithoutDuplicates() throws Exception {
    try (LambdaFixture lambda = new LambdaFixture();
        ApiGatewayFixture apigw = new ApiGatewayFixture();
        EcsFixture ecs = new EcsFixture();
        KillingProxy proxy = new KillingProxy(Emulator.endpoint())) {
      for (int k = 1; k <= WRITES; k++) {
        Scenario s = new Scenario(tmp.resolve("k" + k), lambda, apigw, ecs);
        Path work = s.dir.resolve("work");
        Map<String, String> env = AgentProcess.awsEnv(proxy.endpoint());

        try (AgentProcess crashing =
            AgentProcess.start(
                s.dir.resolve("crash.log"),
                env,
                "apply",
                "--repo",
                s.repo.dir().toString(),
                "--workdir",
                work.toString())) {
          proxy.killAfterWrite(k, crashing.process());
          crashing.process().waitFor();
          assertThat(crashing.process().exitValue()).as("k=%d killed, not finished", k).isNotZero();
        }
        proxy.disarm();
        int again =
            AgentProcess.runToEnd(
                s.dir.resolve("again.log"),
                env,
                "apply",
                "--repo",
                s.repo.dir().toString(),
                "--workdir",
                work.toString());
        int plan =
            AgentProcess.runToEnd(
                s.dir.resolve("plan.log"),
                env,
                "plan",
                "--repo",
                s.repo.dir().toString(),
                "--workdir",
                work.toString());

        assertThat(again).as("k=%d: apply after the crash", k).isZero();
        assertThat(plan).as("k=%d: converged", k).isZero();
        s.assertConverged(lambda, apigw, ecs, k);
        s.repo.close();
      }
    }
  }

  /** Fresh resources and a repository that changes all of them at once. */
  private static final class Scenario {
    final Path dir;
    final GitFixture repo;
    final String f1 = LambdaFixture.uniqueName("crash-a");
    final String f2 = LambdaFixture.uniqueName("crash-b");
    final String cluster = LambdaFixture.uniqueName("crash");
    final String family = LambdaFixture.uniqueName("crash-orders");
    final String apiId;
    final String dep2;
    final int baselineRevisions;

    Scenario(Path dir, LambdaFixture lambda, ApiGatewayFixture apigw, EcsFixture ecs)
        throws Exception {
      this.dir = dir;
      lambda.createFunction(f1, 2);
      lambda.createFunction(f2, 2);
      List<String> api = apigw.createApi(LambdaFixture.uniqueName("crash-api"), 2);
      apiId = api.get(0);
      dep2 = api.get(2);
      apigw.createStage(apiId, "prod", api.get(1), Map.of("env", "live"));
      ecs.createService(cluster, "orders", family);
      baselineRevisions = ecs.revisions(family).size();
      repo = new GitFixture(dir.resolve("repo"));
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, false))
          .write("prod/a.yaml", Manifests.alias("a", f1, "live", "2"))
          .write("prod/b.yaml", Manifests.alias("b", f2, "live", "2"))
          .write("prod/api.yaml", Manifests.stageWithPermission(apiId, dep2, f1))
          .write("prod/ecs.yaml", Manifests.service(cluster, EcsFixture.DIGEST_B))
          .commit("Move everything");
    }

    void assertConverged(LambdaFixture lambda, ApiGatewayFixture apigw, EcsFixture ecs, int k)
        throws Exception {
      assertThat(lambda.alias(f1, "live").functionVersion()).as("k=%d", k).isEqualTo("2");
      assertThat(lambda.alias(f2, "live").functionVersion()).as("k=%d", k).isEqualTo("2");
      assertThat(apigw.stage(apiId, "prod").deploymentId()).as("k=%d", k).isEqualTo(dep2);
      String policy = lambda.client().getPolicy(r -> r.functionName(f1).qualifier("live")).policy();
      assertThat(new ObjectMapper().readTree(policy).path("Statement").size())
          .as("k=%d: one permission statement", k)
          .isEqualTo(1);
      assertThat(ecs.revisions(family))
          .as("k=%d: exactly one new revision", k)
          .hasSize(baselineRevisions + 1);
      String live = ecs.service(cluster, "orders").taskDefinition();
      assertThat(ecs.taskDefinition(live).containerDefinitions().get(0).image())
          .as("k=%d", k)
          .isEqualTo(EcsFixture.DIGEST_B);
    }
  }
}
