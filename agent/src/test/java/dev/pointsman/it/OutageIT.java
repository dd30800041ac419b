package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.http.AgentHttpServer;
import dev.pointsman.reconcile.AgentLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages the agent rides out by itself: the Git remote unreachable or serving garbage (last good
 * state kept, /readyz and the status say so, chat told once), and AWS unreachable for a minute.
 */
class OutageIT {
  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(AgentHttpServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private AgentHttpServer server(RunHarness agent) throws Exception {
    return agent.http(Optional.empty(), Optional.empty(), () -> {});
  }

  @Test
  void anUnreachableOrGarbageRemoteKeepsTheLastGoodStateAndIsReportedOnce() throws Exception {
    String fn = LambdaFixture.uniqueName("gitdown");
    try (LambdaFixture lambda = new LambdaFixture();
        ChatReceiver chat = new ChatReceiver()) {
      lambda.createFunction(fn, 2);
      Path origin = tmp.resolve("origin");
      try (GitFixture repo = new GitFixture(origin)) {
        repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
            .write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "1"))
            .commit("Version 1");
      }
      try (RunHarness agent =
              new RunHarness(origin.toString(), tmp.resolve("work"), chat, Duration.ofMinutes(5));
          AgentHttpServer server = server(agent)) {
        agent.runtime.agent().syncCommit();
        // Ready once the start is warm (SDK classes are prepared on a thread of their own).
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(get(server, "/readyz").statusCode()).isEqualTo(200));

        Path away = tmp.resolve("away");
        Files.move(origin, away); // unreachable
        for (int i = 0; i < 3; i++) agent.runtime.agent().syncCommit();
        HttpResponse<String> ready = get(server, "/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("last Git fetch failed");
        JsonNode status = new ObjectMapper().readTree(get(server, "/api/status").body());
        assertThat(status.path("git").path("error").asText()).contains("cannot fetch");
        assertThat(status.path("lastAppliedCommit").path("subject").asText())
            .isEqualTo("Version 1");

        Files.createDirectories(origin);
        Files.write(
            origin.resolve("HEAD"),
            new byte[] {0, 1, 2, 3, (byte) 0xFF}); // garbage where the repository was
        Files.writeString(origin.resolve("config"), "[[[ not git ]]]");
        for (int i = 0; i < 3; i++) agent.runtime.agent().syncCommit();
        assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
        assertThat(lambda.alias(fn, "live").functionVersion())
            .as("last good state kept")
            .isEqualTo("1");

        org.eclipse.jgit.util.FileUtils.delete(
            origin.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        Files.move(away, origin);
        agent.runtime.agent().syncCommit();
        // Ready once the start is warm (SDK classes are prepared on a thread of their own).
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(get(server, "/readyz").statusCode()).isEqualTo(200));

        agent.chat.drain(Duration.ofSeconds(5));
        List<String> types = chat.received().stream().map(j -> j.path("type").asText()).toList();
        assertThat(types)
            .containsExactly("change.promotion", "failure.persists", "failure.resolved");
      }
    }
  }

  @Test
  void aProblemOfAResourceTakenOutOfGitEndsWhenTheCommitThatTookItOutIsLive() throws Exception {
    String fn = LambdaFixture.uniqueName("retired");
    String kept = LambdaFixture.uniqueName("kept");
    try (LambdaFixture lambda = new LambdaFixture();
        ChatReceiver chat = new ChatReceiver();
        GitFixture repo = new GitFixture(tmp.resolve("repo"))) {
      lambda.createFunction(fn, 2);
      lambda.createFunction(kept, 2);
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
          .write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "1"))
          .write("prod/kept.yaml", Manifests.alias("kept", kept, "live", "1"))
          .commit("Version 1");
      try (RunHarness agent =
          new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
        agent.runtime.agent().syncCommit();
        repo.write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "9"))
            .commit("No such version");
        agent.runtime.agent().syncCommit();
        agent.runtime.agent().syncCommit(); // the same plan error twice: announced as persisting

        Files.delete(repo.dir().resolve("prod/fn.yaml"));
        repo.commit("Retire fn");
        agent.runtime.agent().syncCommit();
        agent.runtime.agent().syncCommit(); // and nothing more after that

        agent.chat.drain(Duration.ofSeconds(5));
        List<JsonNode> received = chat.received();
        // Retiring fn is told as such (left as it is live), and its problem ends.
        assertThat(received.stream().map(j -> j.path("type").asText()))
            .containsExactly(
                "change.promotion", "failure.persists", "change.released", "failure.resolved");
        assertThat(received.get(2).toString()).contains(fn + "/live");
        assertThat(received.get(3).toString()).contains(fn);
        assertThat(lambda.alias(fn, "live").functionVersion())
            .as("a pointer taken out of Git is left where it was")
            .isEqualTo("1");
      }
    }
  }

  @Test
  void anAwsOutageOfAMinuteIsRiddenOut() throws Exception {
    String fn = LambdaFixture.uniqueName("awsdown");
    try (LambdaFixture lambda = new LambdaFixture();
        ChatReceiver chat = new ChatReceiver();
        FaultyProxy aws = new FaultyProxy(Emulator.endpoint(), 0.0, 7);
        GitFixture repo = new GitFixture(tmp.resolve("repo"))) {
      lambda.createFunction(fn, 3);
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
          .write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "1"))
          .commit("Version 1");
      try (RunHarness agent =
          new RunHarness(
              repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5), aws.endpoint())) {
        AgentLoop loop = agent.runtime.loop(Duration.ofSeconds(1), Duration.ofSeconds(5));
        Thread thread = new Thread(loop::run, "agent-loop");
        thread.start();
        try {
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .until(() -> "1".equals(lambda.alias(fn, "live").functionVersion()));
          aws.setDown(true);
          repo.write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "2"))
              .commit("Version 2 during the outage");
          Thread.sleep(
              Duration.ofSeconds(Long.getLong("pointsman.test.outage.seconds", 60)).toMillis());
          assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
          assertThat(thread.isAlive()).isTrue();

          aws.setDown(false);
          long back = System.nanoTime();
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> "2".equals(lambda.alias(fn, "live").functionVersion()));
          System.out.printf(
              "recovered %d ms after AWS came back%n",
              Duration.ofNanos(System.nanoTime() - back).toMillis());
        } finally {
          loop.stop();
          thread.join(10_000);
        }
      }
    }
  }
}
