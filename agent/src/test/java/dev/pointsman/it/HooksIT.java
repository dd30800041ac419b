package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pointsman.outcome.PassResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification hooks: Python functions the emulator runs for real decide before and after traffic.
 */
class HooksIT {
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private ChatReceiver chat;
  private GitFixture repo;
  private String fn;
  private String smoke;

  /** Passes unless the new version is 3 (the "bad build"); says so in CodeDeploy's words. */
  private static final String SMOKE =
      """
      def handler(event, context):
          if event.get("to") == "3":
              return {"status": "Failed", "reason": "checkout returned 500 on version 3"}
          return {"status": "Succeeded", "checked": event.get("to"), "phase": event.get("phase")}
      """;

  @BeforeEach
  void setUp() throws Exception {
    chat = new ChatReceiver();
    fn = LambdaFixture.uniqueName("orders");
    smoke = LambdaFixture.uniqueName("smoke");
    lambda.createFunction(fn, 3);
    lambda.createPythonFunction(smoke, SMOKE);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    chat.close();
    lambda.close();
  }

  private String alias(String version, String before, String after) {
    return """
        apiVersion: pointsman.dev/v1
        kind: LambdaAlias
        metadata:
          name: orders
        spec:
          functionName: %s
          alias: live
          version: %s
          hooks:
        %s%s
        """
        .formatted(
            fn,
            version,
            before == null ? "" : "    beforeTraffic: {function: " + before + ", timeout: 10s}\n",
            after == null ? "" : "    afterTraffic: {function: " + after + "}\n");
  }

  private Pattern invocations(String function) {
    return Pattern.compile("POST /2015-03-31/functions/" + function + "/invocations");
  }

  private List<String> chatTypes() {
    return chat.received().stream().map(j -> j.path("type").asText()).toList();
  }

  @Test
  void aPassingBeforeHookLetsThePromotionThroughAFailingOneMovesNothingAndHolds() throws Exception {
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      repo.write("prod/orders.yaml", alias("1", smoke, null)).commit("Orders 1");
      agent.runtime.agent().syncCommit();
      repo.write("prod/orders.yaml", alias("2", smoke, null)).commit("Orders 2");
      agent.recorder.reset();
      PassResult two = agent.runtime.agent().syncCommit().orElseThrow();
      assertThat(two.status()).as(two.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(agent.recorder.count(invocations(smoke))).isEqualTo(1);
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");

      repo.write("prod/orders.yaml", alias("3", smoke, null)).commit("Orders 3 (a bad build)");
      agent.recorder.reset();
      PassResult three = agent.runtime.agent().syncCommit().orElseThrow();
      assertThat(three.applied())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.failed()).isTrue();
                assertThat(a.detail())
                    .contains(
                        "beforeTraffic hook " + smoke,
                        "checkout returned 500 on version 3",
                        "nothing moved");
              });
      assertThat(lambda.alias(fn, "live").functionVersion()).as("nothing moves").isEqualTo("2");

      agent.recorder.reset();
      PassResult again = agent.runtime.agent().syncCommit().orElseThrow();
      assertThat(agent.recorder.count(invocations(smoke))).as("held: not run again").isZero();
      assertThat(again.applied())
          .singleElement()
          .satisfies(a -> assertThat(a.detail()).startsWith("held until Git changes"));
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
      assertThat(again.plan().changes())
          .singleElement()
          .satisfies(
              c ->
                  assertThat(c.describe())
                      .contains("held until Git changes: beforeTraffic hook " + smoke));
      await().atMost(Duration.ofSeconds(10)).until(() -> chatTypes().contains("hook.failed"));
      JsonNode failed =
          chat.received().stream()
              .filter(j -> j.path("type").asText().equals("hook.failed"))
              .findFirst()
              .orElseThrow();
      assertThat(failed.path("title").asText()).contains("beforeTraffic " + smoke);
      assertThat(chatTypes().stream().filter("hook.failed"::equals)).hasSize(1);
      assertThat(agent.runtime.status().resources())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.state().name()).isEqualTo("PENDING");
                assertThat(r.error().orElse("")).contains("held until Git changes");
              });

      // Git changes: the hold is over, and version 2's hooks already passed for this spec? No:
      // a new spec (version 1) runs the hook afresh.
      repo.write("prod/orders.yaml", alias("1", smoke, null)).commit("Back to 1");
      agent.recorder.reset();
      assertThat(agent.runtime.agent().syncCommit().orElseThrow().status())
          .isEqualTo(PassResult.Status.APPLIED);
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
    }
  }

  @Test
  void aFailingAfterHookRollsBackToWhatServedBeforeAndHolds() throws Exception {
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      repo.write("prod/orders.yaml", alias("2", null, smoke)).commit("Orders 2");
      agent.runtime.agent().syncCommit();
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");

      repo.write("prod/orders.yaml", alias("3", null, smoke)).commit("Orders 3");
      PassResult r = agent.runtime.agent().syncCommit().orElseThrow();

      assertThat(r.applied())
          .singleElement()
          .satisfies(a -> assertThat(a.detail()).contains("afterTraffic hook", "rolled back to 2"));
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
      agent.recorder.reset();
      agent.runtime.agent().syncCommit();
      assertThat(lambda.alias(fn, "live").functionVersion())
          .as("held: not moved again")
          .isEqualTo("2");
      assertThat(agent.recorder.count(invocations(smoke))).isZero();
    }
  }

  @Test
  void aHookThatRaisesTimesOutOrDoesNotExistFailsClosed() throws Exception {
    String raises = LambdaFixture.uniqueName("raises");
    lambda.createPythonFunction(
        raises, "def handler(event, context):\n    raise RuntimeError('boom: db unreachable')\n");
    String slow = LambdaFixture.uniqueName("slow");
    lambda.createPythonFunction(
        slow,
        "import time\ndef handler(event, context):\n    time.sleep(4)\n    return {'status': 'Succeeded'}\n");
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      repo.write("prod/orders.yaml", alias("1", null, null).replace("  hooks:\n\n", ""))
          .commit("Orders 1");
      agent.apply();

      repo.write("prod/orders.yaml", alias("2", raises, null)).commit("Orders 2, hook raises");
      PassResult raised = agent.apply();
      assertThat(raised.applied().get(0).detail())
          .contains("function error", "boom: db unreachable");
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");

      repo.write("prod/orders.yaml", alias("2", slow, null).replace("timeout: 10s", "timeout: 1s"))
          .commit("Orders 2, slow hook");
      PassResult slowResult = agent.apply();
      assertThat(slowResult.applied().get(0).detail())
          .containsAnyOf("timed out", "longer than its timeout");
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");

      repo.write("prod/orders.yaml", alias("2", "no-such-hook-fn", null))
          .commit("Orders 2, missing hook");
      agent.recorder.reset();
      PassResult missing = agent.apply();
      assertThat(missing.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
      assertThat(missing.plan().errors().toString())
          .contains("hook function no-such-hook-fn does not exist");
      assertThat(agent.recorder.lambdaWrites()).isEmpty();
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
    }
  }

  @Test
  void aPassedBeforeHookIsNotRunAgainAfterARestart() throws Exception {
    repo.write("prod/orders.yaml", alias("1", smoke, null)).commit("Orders 1");
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      agent.apply();
    }
    repo.write("prod/orders.yaml", alias("2", smoke, smoke)).commit("Orders 2");
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      PassResult r = agent.apply();
      assertThat(r.status()).as(r.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(agent.recorder.count(invocations(smoke))).as("before and after").isEqualTo(2);
    }
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      lambda.setAliasByHand(fn, "live", "1"); // drift; putting back 2 is no new artifact
      agent.recorder.reset();
      PassResult healed = agent.apply();
      assertThat(lambda.alias(fn, "live").functionVersion()).as(healed.toString()).isEqualTo("2");
      assertThat(agent.recorder.count(invocations(smoke))).as("recorded as passed").isZero();
    }
  }

  @Test
  void withATwoStepRolloutBeforeRunsAtTheFirstStepAndAfterAtTheEnd() throws Exception {
    String rollout = "  rollout:\n    steps: [{weight: 10, pause: 1s}, {weight: 50, pause: 1s}]\n";
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      repo.write("prod/orders.yaml", alias("1", smoke, smoke) + rollout).commit("Orders 1");
      agent.apply();
      repo.write("prod/orders.yaml", alias("2", smoke, smoke) + rollout)
          .commit("Orders 2, in steps");
      agent.recorder.reset();

      agent.apply(); // step 1: 10 % to version 2, after the beforeTraffic hook passed
      assertThat(agent.recorder.count(invocations(smoke))).isEqualTo(1);
      assertThat(lambda.weights(fn, "live")).containsEntry("2", 0.1);

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                agent.apply();
                return "2".equals(lambda.alias(fn, "live").functionVersion())
                    && lambda.weights(fn, "live").isEmpty();
              });
      assertThat(agent.recorder.count(invocations(smoke)))
          .as("beforeTraffic once at the first step, afterTraffic once at the end")
          .isEqualTo(2);
    }
  }

  @Test
  void aHookRunningWhenTheAgentIsKilledRunsAgainAfterTheRestart() throws Exception {
    String slow = LambdaFixture.uniqueName("slow-smoke");
    lambda.createPythonFunction(
        slow,
        "import time\ndef handler(event, context):\n    time.sleep(6)\n    return {'status': 'Succeeded'}\n");
    repo.write("prod/orders.yaml", alias("1", null, null).replace("  hooks:\n\n", ""))
        .commit("Orders 1");
    Path work = tmp.resolve("proc-work");
    java.util.Map<String, String> env = AgentProcess.awsEnv(Emulator.endpoint());
    try (AgentProcess first = AgentProcess.run(tmp.resolve("first.log"), env, repo.dir(), work)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> "1".equals(aliasOrNull()));
      repo.write("prod/orders.yaml", alias("2", slow, null).replace("timeout: 10s", "timeout: 30s"))
          .commit("Orders 2, slow smoke test");
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> first.output().contains("running beforeTraffic hook " + slow));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("the hook never started:\n" + first.output(), e);
      }
      first.process().destroyForcibly().waitFor(); // SIGKILL while the hook runs
    }
    assertThat(aliasOrNull()).as("nothing moved").isEqualTo("1");
    try (AgentProcess second = AgentProcess.run(tmp.resolve("second.log"), env, repo.dir(), work)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> "2".equals(aliasOrNull()));
      assertThat(second.output())
          .as("not counted as passed: run again")
          .contains("running beforeTraffic hook " + slow);
    }
  }

  private String aliasOrNull() {
    try {
      return lambda.alias(fn, "live").functionVersion();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
