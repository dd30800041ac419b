package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pointsman.http.AgentHttpServer;
import dev.pointsman.reconcile.AgentLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Progressive rollouts against the emulator: steps, alarm abort and hold, restart, revert, stage
 * canary, controls.
 */
class RolloutIT {
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private final CloudWatchClient cloudWatch = Emulator.client(CloudWatchClient.builder());
  private ChatReceiver chat;
  private GitFixture repo;
  private String fn;
  private String alarm;
  private RunHarness agent;
  private AgentLoop loop;
  private Thread thread;

  @BeforeEach
  void setUp() throws Exception {
    chat = new ChatReceiver();
    fn = LambdaFixture.uniqueName("rollout");
    alarm = fn + "-errors";
    lambda.createFunction(fn, 3);
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName(alarm)
                .metricName("Errors")
                .namespace("AWS/Lambda")
                .statistic(Statistic.SUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    setAlarm(StateValue.OK);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
        .write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "1"))
        .commit("Version 1");
  }

  @AfterEach
  void tearDown() throws Exception {
    stop();
    repo.close();
    chat.close();
    cloudWatch.close();
    lambda.close();
  }

  private void start() {
    agent = new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5));
    loop = agent.runtime.loop(Duration.ofMillis(200), Duration.ofMinutes(10));
    thread = new Thread(loop::run, "agent-loop");
    thread.start();
  }

  private void stop() throws Exception {
    if (loop == null) return;
    loop.stop();
    thread.join(10_000);
    agent.close();
    loop = null;
  }

  private void setAlarm(StateValue state) {
    cloudWatch.setAlarmState(r -> r.alarmName(alarm).stateValue(state).stateReason("test"));
  }

  private String rollout(String version, String pause) {
    return Manifests.alias("fn", fn, "live", version)
        + "  rollout:\n    steps: [{weight: 10, pause: %s}, {weight: 50, pause: %s}]\n    analysis: {alarms: [%s], interval: 1s}\n"
            .formatted(pause, pause, alarm);
  }

  /** "1", "1+2@0.1", ...: what the alias serves now. */
  private String traffic() {
    var a = lambda.alias(fn, "live");
    Map<String, Double> w =
        a.routingConfig() == null ? Map.of() : a.routingConfig().additionalVersionWeights();
    return a.functionVersion()
        + (w.isEmpty()
            ? ""
            : "+" + w.keySet().iterator().next() + "@" + w.values().iterator().next());
  }

  /** Records each distinct traffic state until {@code until} holds for the state just seen. */
  private List<String> watch(java.util.function.Predicate<String> until, Duration max)
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      String t = traffic();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(t)) seen.add(t);
      if (until.test(t)) break;
      Thread.sleep(50);
    }
    return seen;
  }

  private List<String> events() {
    return chat.received().stream()
        .filter(j -> j.path("type").asText().equals("rollout.event"))
        .map(j -> j.path("facts").path("Event").asText())
        .toList();
  }

  @Test
  void aRolloutGoesTenThenFiftyThenAllWithItsPauses() throws Exception {
    start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> traffic().equals("1"));
    repo.write("prod/fn.yaml", rollout("2", "1s")).commit("Roll out version 2");

    List<String> seen = watch(t -> t.equals("2"), Duration.ofSeconds(30));

    assertThat(seen).containsSubsequence("1+2@0.1", "1+2@0.5", "2");
    await().atMost(Duration.ofSeconds(5)).until(() -> events().size() >= 3);
    assertThat(events())
        .containsExactly(
            "started: 10% of traffic to 2",
            "step 2 of 2: 50% to 2", "completed: 2 takes all traffic");
  }

  @Test
  void anAlarmAbortsWithinOneIntervalAndTheAbortIsHeldUntilGitChanges() throws Exception {
    start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> traffic().equals("1"));
    repo.write("prod/fn.yaml", rollout("2", "30s")).commit("Roll out version 2");
    await().atMost(Duration.ofSeconds(10)).until(() -> traffic().equals("1+2@0.1"));

    setAlarm(StateValue.ALARM);
    long alarmed = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).until(() -> traffic().equals("1"));
    System.out.printf(
        "abort after alarm: %d ms%n", Duration.ofNanos(System.nanoTime() - alarmed).toMillis());

    setAlarm(StateValue.OK);
    assertThat(watch(t -> false, Duration.ofSeconds(2))).as("held across polls").containsOnly("1");
    assertThat(events()).anyMatch(e -> e.startsWith("aborted: alarm " + alarm + " in ALARM"));

    repo.write("prod/fn.yaml", rollout("2", "1s")).commit("Retry version 2 with shorter pauses");
    await().atMost(Duration.ofSeconds(30)).until(() -> traffic().equals("2"));
  }

  @Test
  void anAgentKilledMidPauseResumesAtTheRightStep() throws Exception {
    start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> traffic().equals("1"));
    repo.write("prod/fn.yaml", rollout("2", "3s")).commit("Roll out version 2");
    await().atMost(Duration.ofSeconds(15)).until(() -> traffic().equals("1+2@0.5"));
    stop();

    start();
    List<String> seen = watch(t -> t.equals("2"), Duration.ofSeconds(20));

    assertThat(seen).first().isEqualTo("1+2@0.5");
    assertThat(seen).doesNotContain("1+2@0.1", "1").endsWith("2");
  }

  @Test
  void aRevertDuringARolloutCancelsItAtOnce() throws Exception {
    start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> traffic().equals("1"));
    String promote = repo.write("prod/fn.yaml", rollout("2", "30s")).commit("Roll out version 2");
    await().atMost(Duration.ofSeconds(10)).until(() -> traffic().equals("1+2@0.1"));

    repo.revert(promote);

    await().atMost(Duration.ofSeconds(5)).until(() -> traffic().equals("1"));
    assertThat(agent.runtime.rollouts().all()).isEmpty();
  }

  @Test
  void operatorsCanPauseResumeAndAbortThroughTheHttpApi() throws Exception {
    start();
    AgentHttpServer http = agent.http(Optional.empty(), Optional.of("ops-token"), loop::trigger);
    try (http) {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> traffic().equals("1"));
      repo.write("prod/fn.yaml", rollout("2", "1s")).commit("Roll out version 2");
      await().atMost(Duration.ofSeconds(10)).until(() -> traffic().equals("1+2@0.1"));
      String path = "/api/rollouts/prod/LambdaAlias/" + fn + "/live/";

      assertThat(post(http, path + "pause", "wrong")).isEqualTo(401);
      assertThat(post(http, path + "pause", "ops-token")).isEqualTo(202);
      assertThat(watch(t -> false, Duration.ofSeconds(3)))
          .as("paused beyond its 1s pause")
          .containsOnly("1+2@0.1");
      assertThat(get(http, "/api/status"))
          .contains("\"status\" : \"paused\"", "\"reason\" : \"paused by operator\"");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      java.io.PrintStream stdout = System.out;
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        assertThat(
                dev.pointsman.cli.Main.execute(
                    "status", "--url", "http://127.0.0.1:" + http.port()))
            .isZero();
      } finally {
        System.setOut(stdout);
      }
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains(
              "rollout prod LambdaAlias " + fn + "/live → 2: paused, step 1/2 at 10%",
              "alarm " + alarm + " OK");

      assertThat(post(http, path + "resume", "ops-token")).isEqualTo(202);
      await().atMost(Duration.ofSeconds(10)).until(() -> traffic().equals("1+2@0.5"));
      assertThat(post(http, path + "abort", "ops-token")).isEqualTo(202);
      await().atMost(Duration.ofSeconds(5)).until(() -> traffic().equals("1"));
      assertThat(watch(t -> false, Duration.ofSeconds(2))).containsOnly("1");
      await().atMost(Duration.ofSeconds(5)).until(() -> events().contains("aborted by operator"));
      assertThat(events())
          .contains("paused by operator", "resumed by operator", "aborted by operator");
    }
  }

  @Test
  void anApiStageCanaryIsRolledOutThenPromoted() throws Exception {
    try (ApiGatewayFixture apigw = new ApiGatewayFixture()) {
      List<String> api = apigw.createApi(LambdaFixture.uniqueName("rollout-api"), 2);
      apigw.createStage(api.get(0), "prod", api.get(1), Map.of("env", "prod"));
      String stage =
          """
          apiVersion: pointsman.dev/v1
          kind: ApiStage
          metadata: {name: api}
          spec:
            restApiId: "%s"
            stage: prod
            deploymentId: "%s"
            variables: {env: prod}
            rollout: {steps: [{weight: 20, pause: 2s}]}
          """
              .formatted(api.get(0), api.get(2));
      assertThat(apigw.stage(api.get(0), "prod").deploymentId()).isEqualTo(api.get(1));
      start();
      repo.write("prod/api.yaml", stage).commit("Roll out deployment 2");
      List<String> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                var s = apigw.stage(api.get(0), "prod");
                String now =
                    s.deploymentId()
                        + (s.canarySettings() == null
                            ? ""
                            : "+"
                                + s.canarySettings().deploymentId()
                                + "@"
                                + s.canarySettings().percentTraffic());
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) seen.add(now);
                return now.equals(api.get(2));
              });
      assertThat(seen).containsSubsequence(api.get(1) + "+" + api.get(2) + "@20.0", api.get(2));
    }
  }

  private static int post(AgentHttpServer http, String path, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String get(AgentHttpServer http, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
