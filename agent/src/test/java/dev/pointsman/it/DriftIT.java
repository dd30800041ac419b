package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift made by hand through the SDK, reported to a real local chat receiver; report and heal. */
class DriftIT {
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private ChatReceiver chat;
  private GitFixture repo;
  private String fn;

  @BeforeEach
  void setUp() throws Exception {
    chat = new ChatReceiver();
    fn = LambdaFixture.uniqueName("orders");
    lambda.createFunction(fn, 3);
    repo = new GitFixture(tmp.resolve("repo"));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    chat.close();
    lambda.close();
  }

  private void commit(String drift) throws Exception {
    repo.write(
            "prod/environment.yaml",
            Manifests.environment("prod", Emulator.ACCOUNT, true) + "  drift: " + drift + "\n")
        .write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "1"))
        .commit("Orders 1 in prod");
  }

  private List<String> types() {
    return chat.received().stream().map(j -> j.path("type").asText()).toList();
  }

  private List<String> settledTypes(int expected) {
    await().atMost(Duration.ofSeconds(10)).until(() -> chat.received().size() >= expected);
    return types();
  }

  @Test
  void aDriftIsReportedOnceAndItsResolutionOnceAndNothingOnLaterSweeps() throws Exception {
    commit("report");
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      agent.runtime.agent().syncCommit();
      assertThat(settledTypes(1)).containsExactly("change.promotion");
      chat.clear();
      agent.recorder.reset();

      lambda.setAliasByHand(fn, "live", "3");
      for (int i = 0; i < 4; i++) agent.runtime.agent().sweepDrift();
      assertThat(settledTypes(1)).containsExactly("drift.appeared");
      JsonNode drift = chat.received().get(0);
      assertThat(drift.path("facts").path("Field").asText()).isEqualTo("version");
      assertThat(drift.path("facts").path("Git").asText()).isEqualTo("1");
      assertThat(drift.path("facts").path("Live").asText()).isEqualTo("3");
      assertThat(drift.path("facts").path("Action").asText()).startsWith("reported only");
      assertThat(lambda.alias(fn, "live").functionVersion())
          .as("report does not heal")
          .isEqualTo("3");
      assertThat(agent.recorder.lambdaWrites()).isEmpty();
      assertThat(agent.runtime.status().resources())
          .singleElement()
          .satisfies(r -> assertThat(r.state().name()).isEqualTo("DRIFTED"));

      lambda.setAliasByHand(fn, "live", "1");
      for (int i = 0; i < 4; i++) agent.runtime.agent().sweepDrift();
      assertThat(settledTypes(2)).containsExactly("drift.appeared", "drift.resolved");
      assertThat(chat.received().get(1).path("facts").path("Resolved").asText())
          .contains("undone outside Pointsman");
    }
  }

  @Test
  void aRestartDoesNotAnnounceAnUnchangedDriftAgain() throws Exception {
    commit("report");
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      agent.runtime.agent().syncCommit();
      lambda.setAliasByHand(fn, "live", "2");
      agent.runtime.agent().sweepDrift();
      settledTypes(2);
    }
    chat.clear();
    try (RunHarness restarted =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      restarted.runtime.agent().syncCommit();
      restarted.runtime.agent().sweepDrift();
      restarted.runtime.agent().sweepDrift();
      restarted.chat.drain(Duration.ofSeconds(5));
      assertThat(chat.received()).isEmpty();
      assertThat(restarted.runtime.drifts().open()).hasSize(1);
    }
  }

  @Test
  void healPutsTheAliasBackAndRespectsTheMinimumGap() throws Exception {
    commit("heal");
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofSeconds(3))) {
      agent.runtime.agent().syncCommit();
      settledTypes(1);
      chat.clear();

      lambda.setAliasByHand(fn, "live", "3");
      agent.runtime.agent().sweepDrift();
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
      assertThat(settledTypes(1)).containsExactly("drift.appeared");
      assertThat(chat.received().get(0).path("facts").path("Action").asText()).isEqualTo("healed");

      // Another tool sets it again at once: within the gap the agent backs off and says so.
      lambda.setAliasByHand(fn, "live", "2");
      agent.runtime.agent().sweepDrift();
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
      assertThat(settledTypes(3))
          .containsExactly("drift.appeared", "drift.resolved", "drift.appeared");
      assertThat(chat.received().get(1).path("facts").path("Resolved").asText())
          .isEqualTo("healed by Pointsman");
      assertThat(chat.received().get(2).path("facts").path("Action").asText())
          .startsWith("heal deferred until");

      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                agent.runtime.agent().sweepDrift();
                return "1".equals(lambda.alias(fn, "live").functionVersion());
              });
    }
  }

  @Test
  void aNewCommitSupersedesAnOpenDrift() throws Exception {
    commit("report");
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      agent.runtime.agent().syncCommit();
      lambda.setAliasByHand(fn, "live", "3");
      agent.runtime.agent().sweepDrift();
      settledTypes(2);
      repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "2"))
          .commit("Promote 2");

      agent.runtime.agent().syncCommit();

      assertThat(settledTypes(4))
          .containsExactly(
              "change.promotion", "drift.appeared", "change.promotion", "drift.resolved");
      assertThat(chat.received().get(3).path("facts").path("Resolved").asText())
          .startsWith("superseded by commit");
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
    }
  }
}
