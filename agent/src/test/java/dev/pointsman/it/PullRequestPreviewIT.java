package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pointsman.forge.Forge;
import dev.pointsman.forge.GitHubForge;
import dev.pointsman.forge.GitLabForge;
import dev.pointsman.forge.PullRequest;
import dev.pointsman.git.Secret;
import dev.pointsman.http.AgentHttpServer;
import dev.pointsman.reconcile.AgentLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull-request previews end to end: a signed pull_request webhook, the pull request's head fetched
 * from a real repository by its pull ref, planned against the emulator without writing, and posted
 * to a local forge that records every request.
 */
class PullRequestPreviewIT {
  private static final String SECRET = "it-webhook-secret";
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private FakeForge forge;
  private ChatReceiver chat;
  private GitFixture repo;
  private RunHarness agent;
  private AgentLoop loop;
  private Thread loopThread;
  private AgentHttpServer server;
  private String fn;

  @BeforeEach
  void setUp() throws Exception {
    forge = new FakeForge();
    chat = new ChatReceiver();
    fn = LambdaFixture.uniqueName("orders");
    lambda.createFunction(fn, 3);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
        .write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "1"))
        .commit("Orders 1");
    Map<PullRequest.Kind, Forge> forges =
        Map.of(
            PullRequest.Kind.GITHUB,
            new GitHubForge(
                forge.url(), new Secret("ghp_previewtoken1234567890abcd"), Clock.systemUTC()),
            PullRequest.Kind.GITLAB,
            new GitLabForge(
                forge.url().resolve("/api/v4"),
                new Secret("glpat-previewtoken123456789"),
                Clock.systemUTC()));
    agent =
        new RunHarness(
            repo.url(),
            tmp.resolve("work"),
            chat,
            Duration.ofMinutes(5),
            Emulator.endpoint(),
            forges,
            Duration.ofSeconds(1));
    loop = agent.runtime.loop(Duration.ofMillis(300), Duration.ofHours(1));
    server = agent.http(Optional.of(SECRET), Optional.empty(), loop::trigger);
    loopThread = new Thread(loop::run, "agent-loop");
    loopThread.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> agent.runtime.status().lastApplied().isPresent());
  }

  @AfterEach
  void tearDown() throws Exception {
    loop.stop();
    loopThread.join(10_000);
    server.close();
    agent.close();
    repo.close();
    chat.close();
    forge.close();
    lambda.close();
  }

  private HttpResponse<String> githubEvent(String action, int number, String sha) throws Exception {
    String body =
        """
        {"action": "%s", "number": %d,
         "pull_request": {"number": %d, "head": {"sha": "%s", "ref": "promote"}, "base": {"ref": "main"}},
         "repository": {"full_name": "acme/releases", "default_branch": "main"}}
        """
            .formatted(action, number, number, sha);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hooks/github"))
            .header("X-GitHub-Event", "pull_request")
            .header("X-Hub-Signature-256", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitStatuses(int n) {
    await().atMost(Duration.ofSeconds(30)).until(() -> forge.statuses().size() >= n);
  }

  @Test
  void aValidPromotionGetsOneCommentAndASuccessStatusAndMovesNothing() throws Exception {
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "2"));
    String head = repo.pullRequest(7, "Promote orders to 2");

    assertThat(githubEvent("opened", 7, head).statusCode()).isEqualTo(202);
    awaitStatuses(1);

    assertThat(forge.comments()).hasSize(1);
    String comment = forge.commentBodies().get(0);
    assertThat(comment)
        .startsWith(Forge.MARKER)
        .contains("`" + fn + "/live`")
        .contains("version 1 → 2");
    assertThat(forge.statuses().get(0).path("state").asText()).isEqualTo("success");
    assertThat(forge.statuses().get(0).path("context").asText()).isEqualTo("pointsman/plan");
    assertThat(forge.requests())
        .filteredOn(r -> r.path().contains("/statuses/"))
        .singleElement()
        .satisfies(r -> assertThat(r.path()).endsWith("/statuses/" + head));
    assertThat(forge.requests())
        .allSatisfy(
            r -> assertThat(r.authorization()).isEqualTo("Bearer ghp_previewtoken1234567890abcd"));
    assertThat(lambda.alias(fn, "live").functionVersion())
        .as("a preview never writes")
        .isEqualTo("1");

    // A second push to the pull request: the same comment is edited, no second one.
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "3"));
    String second = repo.pullRequest(7, "Promote orders to 3 instead");
    assertThat(githubEvent("synchronize", 7, second).statusCode()).isEqualTo(202);
    awaitStatuses(2);
    assertThat(forge.comments()).hasSize(1);
    assertThat(forge.commentBodies().get(0))
        .contains("version 1 → 3")
        .doesNotContain("version 1 → 2");
    assertThat(forge.requests()).filteredOn(r -> r.method().equals("PATCH")).hasSize(1);
    assertThat(forge.requests())
        .filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/comments"))
        .hasSize(1);
  }

  @Test
  void anInvalidManifestGetsAFailureStatusWithFileAndLine() throws Exception {
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "7.5"));
    String head = repo.pullRequest(8, "A version that is no version");

    githubEvent("opened", 8, head);
    awaitStatuses(1);

    assertThat(forge.statuses().get(0).path("state").asText()).isEqualTo("failure");
    assertThat(forge.statuses().get(0).path("description").asText()).contains("prod/orders.yaml:");
    assertThat(forge.commentBodies().get(0))
        .contains("`prod/orders.yaml:")
        .contains("spec.version");
  }

  @Test
  void aSecretLookingValueNeverReachesTheComment() throws Exception {
    repo.write(
        "prod/notifier.yaml",
        """
        apiVersion: pointsman.dev/v1
        kind: LambdaFunction
        metadata: {name: notifier}
        spec:
          functionName: %s
          code: {s3Bucket: artifacts, s3Key: n.zip, sha256: "H5NWc78j5rsdPZ8q3le+t3AWRtwY/pgaihjZjMjM7pU="}
          environment:
            DB_PASSWORD: hunter2-pasted-by-mistake
            WEBHOOK: "https://user:s3cr3tpw@hooks.example.com/x"
        """
            .formatted(fn));
    String head = repo.pullRequest(9, "Add the notifier");

    githubEvent("opened", 9, head);
    awaitStatuses(1);

    String everything =
        forge.requests().stream().map(FakeForge.Request::body).reduce("", String::concat);
    assertThat(everything).doesNotContain("hunter2-pasted-by-mistake").doesNotContain("s3cr3tpw");
    assertThat(forge.statuses().get(0).path("state").asText()).isEqualTo("failure");
    assertThat(forge.commentBodies().get(0)).contains("looks like a secret (value not shown)");
  }

  @Test
  void aForgeThatIsDownDoesNotStopReconcilingAndGetsTheCommentLater() throws Exception {
    forge.down(true);
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "2"));
    String head = repo.pullRequest(10, "Promote orders to 2");
    githubEvent("opened", 10, head);

    // Meanwhile a real promotion lands on main: the agent applies it although the forge is down.
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "3")).commit("Orders 3");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "3".equals(lambda.alias(fn, "live").functionVersion()));
    assertThat(forge.statuses()).isEmpty();

    forge.down(false);
    awaitStatuses(1);
    assertThat(forge.comments()).hasSize(1);
  }

  @Test
  void aGitLabMergeRequestGetsANoteAndAStatusThroughTheGitLabApi() throws Exception {
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "2"));
    String head = repo.pullRequest("refs/merge-requests/4/head", "Promote orders to 2");
    String body =
        """
        {"object_kind": "merge_request", "project": {"id": 42, "default_branch": "main"},
         "object_attributes": {"iid": 4, "action": "open", "target_branch": "main",
                               "source_branch": "promote", "last_commit": {"id": "%s"}}}
        """
            .formatted(head);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/hooks/gitlab"))
                .header("X-Gitlab-Event", "Merge Request Hook")
                .header("X-Gitlab-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    awaitStatuses(1);

    assertThat(forge.requests())
        .filteredOn(r -> r.method().equals("POST"))
        .extracting(FakeForge.Request::path)
        .containsExactly(
            "/api/v4/projects/42/merge_requests/4/notes", "/api/v4/projects/42/statuses/" + head);
    assertThat(forge.requests())
        .allSatisfy(r -> assertThat(r.privateToken()).isEqualTo("glpat-previewtoken123456789"));
    assertThat(forge.statuses().get(0).path("state").asText()).isEqualTo("success");
    assertThat(forge.commentBodies().get(0)).contains("version 1 → 2");
  }

  @Test
  void aPullRequestThatTouchesNoManifestSaysSoInOneLine() throws Exception {
    repo.write("README.md", "# releases\n");
    String head = repo.pullRequest(11, "Docs only");

    githubEvent("opened", 11, head);
    awaitStatuses(1);

    assertThat(forge.commentBodies().get(0))
        .contains("touches no manifest under the manifests path");
    assertThat(forge.statuses().get(0).path("state").asText()).isEqualTo("success");
  }
}
