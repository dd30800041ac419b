package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.http.AgentHttpServer;
import dev.pointsman.reconcile.AgentLoop;
import dev.pointsman.reconcile.PromotionRehearsal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The agent's HTTP face over real HTTP: signed push webhooks, health, metrics and status. */
class WebhookIT {
  private static final String SECRET = "it-webhook-secret";
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private final HttpClient http = HttpClient.newHttpClient();
  private ChatReceiver chat;
  private GitFixture repo;
  private RunHarness agent;
  private AgentLoop loop;
  private Thread loopThread;
  private AgentHttpServer server;
  private String fn;
  private final ListAppender<ILoggingEvent> warmStart = new ListAppender<>();

  @BeforeEach
  void setUp() throws Exception {
    warmStart.start();
    warmStartLog().addAppender(warmStart);
    chat = new ChatReceiver();
    fn = LambdaFixture.uniqueName("orders");
    lambda.createFunction(fn, 3);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
        .write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "1"))
        .commit("Orders 1");
    agent = new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5));
    // Polling every hour: only the webhook can make the agent notice a push within the test.
    loop = agent.runtime.loop(Duration.ofHours(1), Duration.ofHours(1));
    server = agent.http(Optional.of(SECRET), Optional.empty(), loop::trigger);
    loopThread = new Thread(loop::run, "agent-loop");
    loopThread.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> agent.runtime.status().lastApplied().isPresent());
  }

  private static Logger warmStartLog() {
    return (Logger) LoggerFactory.getLogger("dev.pointsman.reconcile.WarmStart");
  }

  @AfterEach
  void tearDown() throws Exception {
    warmStartLog().detachAppender(warmStart);
    loop.stop();
    loopThread.join(10_000);
    server.close();
    agent.close();
    repo.close();
    chat.close();
    lambda.close();
  }

  private String aliasOrNull() {
    try {
      return lambda.alias(fn, "live").functionVersion();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GitHub event of {@code type}, signed with the configured secret. */
  private HttpResponse<String> github(String type, String body) throws Exception {
    return post(
        "/hooks/github", body, "X-GitHub-Event", type, "X-Hub-Signature-256", sign(body, SECRET));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String body, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Shaped like GitHub's documented push event (trimmed to the fields that matter). */
  private static String pushEvent(String ref, String after) {
    return """
        {"ref": "%s", "before": "0000000000000000000000000000000000000000", "after": "%s",
         "repository": {"id": 1, "name": "releases", "full_name": "acme/releases", "default_branch": "main"},
         "pusher": {"name": "alice", "email": "alice@example.com"},
         "head_commit": {"id": "%s", "message": "Promote orders 2"}}
        """
        .formatted(ref, after, after);
  }

  @Test
  void aSignedGitHubPushTriggersASyncAtOnce() throws Exception {
    String sha =
        repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "2"))
            .commit("Promote orders 2");
    String body = pushEvent("refs/heads/main", sha);
    long start = System.nanoTime();

    HttpResponse<String> response = github("push", body);

    assertThat(response.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> "2".equals(aliasOrNull()));
    System.out.printf(
        "push-to-live latency: %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  /** Commit passes the agent ran so far (its own metric). */
  private long commitPasses() {
    Matcher m =
        Pattern.compile("pointsman_reconcile_duration_seconds_count\\{trigger=\"commit\"} (\\d+)")
            .matcher(agent.runtime.metrics().scrape());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void twentyPushesWithinASecondCoalesceIntoAtMostTwoPassesEndingAtTheNewest() throws Exception {
    long before = commitPasses();
    List<String> shas = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      String version = i % 2 == 0 ? "2" : "3";
      String sha =
          repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", version))
              .commit("Merge train " + i);
      shas.add(sha);
      String body = pushEvent("refs/heads/main", sha);
      long sent = System.nanoTime();
      HttpResponse<String> response = github("push", body);
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(Duration.ofNanos(System.nanoTime() - sent))
          .as("each webhook is answered at once, not after a pass")
          .isLessThan(Duration.ofSeconds(1));
      long next = start + (i + 1) * Duration.ofMillis(50).toNanos();
      long sleep = next - System.nanoTime();
      if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
    }
    System.out.printf(
        "20 pushes sent in %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
    String newest = shas.get(shas.size() - 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                agent
                    .runtime
                    .status()
                    .lastApplied()
                    .map(c -> c.sha().equals(newest))
                    .orElse(false));
    assertThat(aliasOrNull()).isEqualTo("3");
    // Longer than a burst may wait: any pass still to come would have run by now.
    Thread.sleep(AgentLoop.BURST_MAX_WAIT.toMillis() + 500);
    long passes = commitPasses() - before;
    System.out.printf("20 pushes within a second: %d commit pass(es)%n", passes);
    assertThat(passes).isBetween(1L, 2L);

    // A late webhook naming an older commit: the agent fetches the branch head, so the older
    // commit never comes back.
    String late = pushEvent("refs/heads/main", shas.get(0));
    assertThat(github("push", late).statusCode()).isEqualTo(202);
    Thread.sleep(AgentLoop.BURST_MAX_WAIT.toMillis() + 500);
    assertThat(aliasOrNull()).isEqualTo("3");
    assertThat(agent.runtime.status().lastApplied().map(c -> c.sha())).contains(newest);
    assertThat(commitPasses() - before).as("nothing new to apply").isEqualTo(passes);
  }

  @Test
  void aWrongOrMissingSignatureIsRejectedAndTriggersNothing() throws Exception {
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "3"))
        .commit("Promote orders 3");
    String body = pushEvent("refs/heads/main", "x");

    assertThat(
            post(
                    "/hooks/github",
                    body,
                    "X-GitHub-Event",
                    "push",
                    "X-Hub-Signature-256",
                    sign(body, "wrong"))
                .statusCode())
        .isEqualTo(401);
    assertThat(post("/hooks/github", body, "X-GitHub-Event", "push").statusCode()).isEqualTo(401);
    assertThat(
            post("/hooks/gitlab", body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "wrong")
                .statusCode())
        .isEqualTo(401);
    Thread.sleep(1000);
    assertThat(aliasOrNull()).isEqualTo("1");
  }

  @Test
  void pingIsAnsweredAndPushesToOtherBranchesAreIgnored() throws Exception {
    String ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}";
    HttpResponse<String> pong = github("ping", ping);
    assertThat(pong.statusCode()).isEqualTo(200);
    assertThat(pong.body()).isEqualTo("pong");

    String other = pushEvent("refs/heads/feature", "y");
    HttpResponse<String> ignored = github("push", other);
    assertThat(ignored.statusCode()).isEqualTo(200);
    assertThat(ignored.body()).startsWith("ignored: push to refs/heads/feature");
  }

  @Test
  void aGitLabPushWithTheRightTokenTriggersASync() throws Exception {
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "3"))
        .commit("Promote orders 3");
    String body =
        "{\"object_kind\": \"push\", \"ref\": \"refs/heads/main\", \"project\": {\"default_branch\": \"main\"}}";
    assertThat(
            post("/hooks/gitlab", body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET)
                .statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(3)).until(() -> "3".equals(aliasOrNull()));
  }

  @Test
  void healthReadinessAndMetricsAreServed() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    // Ready once the start is warm (SDK classes are prepared on a thread of their own).
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(get("/readyz").statusCode()).isEqualTo(200));
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    Pattern sample =
        Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\",?)*\\})? -?[0-9.eE+-]+|NaN|[+-]Inf");
    for (String line : metrics.body().split("\n")) {
      if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
      assertThat(sample.matcher(line).matches()).as("Prometheus text line: %s", line).isTrue();
    }
    assertThat(metrics.body())
        .contains(
            "pointsman_aws_calls_total{operation=\"ListAliases\",outcome=\"success\",service=\"Lambda\"}",
            "pointsman_changes_applied_total{environment=\"prod\",kind=\"LambdaAlias\",outcome=\"created\"} 1.0",
            "pointsman_git_fetch_duration_seconds_count",
            "pointsman_reconcile_duration_seconds_count",
            "pointsman_drifts_open",
            "pointsman_last_applied_commit_time_seconds");
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(post("/healthz", "").statusCode()).isEqualTo(405);

    // Readiness waited for the warm start, which rehearsed a promotion of the declared kind on a
    // loopback server (PromotionRehearsalTest: every call answered there); none of it shows in the
    // metrics, the status or chat.
    assertThat(warmStart.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.matches("warm start: .*on a loopback server \\{LambdaAlias=\\d+\\}.*"));
    assertThat(metrics.body())
        .doesNotContain(PromotionRehearsal.ENVIRONMENT)
        .doesNotContain("operation=\"UpdateAlias\"");
    assertThat(get("/api/status").body()).doesNotContain(PromotionRehearsal.ENVIRONMENT);
    assertThat(chat.received().toString()).doesNotContain(PromotionRehearsal.ENVIRONMENT);
  }

  @Test
  void theStatusShowsADrift() throws Exception {
    lambda.setAliasByHand(fn, "live", "3");
    agent.runtime.agent().sweepDrift();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> new ObjectMapper().readTree(get("/api/status").body()).path("ready").asBoolean());

    JsonNode status = new ObjectMapper().readTree(get("/api/status").body());

    assertThat(status.path("ready").asBoolean()).isTrue();
    assertThat(status.path("lastAppliedCommit").path("subject").asText()).isEqualTo("Orders 1");
    JsonNode resource = status.path("environments").path("prod").get(0);
    assertThat(resource.path("state").asText()).isEqualTo("drifted");
    assertThat(resource.path("differences").get(0).toString())
        .isEqualTo("{\"field\":\"version\",\"desired\":\"1\",\"live\":\"3\"}");
    assertThat(status.path("openDrifts").get(0).path("live").asText()).isEqualTo("3");
  }
}
