package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pointsman.outcome.PassResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AppConfig hosted configuration versions as pointers, against the emulator's AppConfig. */
class AppConfigIT {
  /** StartDeployment, a REST call: POST /applications/{app}/environments/{env}/deployments. */
  private static final Pattern START_DEPLOYMENT =
      Pattern.compile("POST /applications/[^/]+/environments/[^/]+/deployments");

  @TempDir Path tmp;
  private AppConfigFixture appconfig;
  private GitFixture repo;
  private String flags;
  private String banners;

  @BeforeEach
  void setUp() throws Exception {
    appconfig = new AppConfigFixture(LambdaFixture.uniqueName("shop"), "prod");
    flags = appconfig.hostedProfile("flags", 3);
    banners = appconfig.hostedProfile("banners", 2);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    appconfig.close();
  }

  private String deployment(String name, String profile, int version, String strategy) {
    return """
        apiVersion: pointsman.dev/v1
        kind: AppConfigDeployment
        metadata:
          name: %s
        spec:
          application: "%s"
          environment: prod
          configurationProfile: "%s"
          version: %d
          strategy: "%s"
        """
        .formatted(name, appconfig.application, profile, version, strategy);
  }

  private void declare(int version) throws Exception {
    repo.write("prod/flags.yaml", deployment("flags", "flags", version, appconfig.fast))
        .commit("Flags " + version);
  }

  @Test
  void promoteThenRevertStartOneDeploymentEach() throws Exception {
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      declare(1);
      PassResult first = agent.apply();
      assertThat(first.status()).as(first.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(appconfig.latest().configurationVersion()).isEqualTo("1");

      declare(2);
      agent.recorder.reset();
      PassResult promoted = agent.apply();
      assertThat(promoted.plan().pending())
          .singleElement()
          .satisfies(c -> assertThat(c.describe()).endsWith("version 1 → 2"));
      assertThat(agent.recorder.count(START_DEPLOYMENT)).isEqualTo(1);
      assertThat(appconfig.latest().configurationVersion()).isEqualTo("2");
      assertThat(appconfig.latest().stateAsString()).isEqualTo("COMPLETE");

      declare(1); // the revert
      agent.recorder.reset();
      assertThat(agent.apply().status()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(appconfig.deployments()).hasSize(3);
      assertThat(appconfig.latest().configurationVersion()).isEqualTo("1");

      agent.recorder.reset();
      assertThat(agent.apply().status()).isEqualTo(PassResult.Status.CONVERGED);
      assertThat(agent.recorder.count(START_DEPLOYMENT)).isZero();
    }
  }

  @Test
  void aVersionThatDoesNotExistIsAPlanErrorAndNothingIsWritten() throws Exception {
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      declare(9);
      PassResult r = agent.apply();
      assertThat(r.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
      assertThat(r.plan().errors())
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.toString())
                      .contains("prod/flags.yaml:")
                      .contains("hosted configuration version 9 of profile flags does not exist"));
      assertThat(agent.recorder.count(START_DEPLOYMENT)).isZero();
      assertThat(appconfig.deployments()).isEmpty();
    }
  }

  @Test
  void aHandDeploymentIsReportedAsDriftAndNotUndone() throws Exception {
    try (ChatReceiver chat = new ChatReceiver();
        RunHarness agent =
            new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      declare(1);
      agent.runtime.agent().syncCommit();
      assertThat(appconfig.latest().configurationVersion()).isEqualTo("1");

      appconfig.deployByHand(flags, 3, appconfig.fast);
      agent.runtime.agent().sweepDrift();
      agent.runtime.agent().sweepDrift();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  chat.received().stream()
                      .anyMatch(j -> j.path("type").asText().equals("drift.appeared")));
      var drift =
          chat.received().stream()
              .filter(j -> j.path("type").asText().equals("drift.appeared"))
              .toList();
      assertThat(drift).hasSize(1);
      assertThat(drift.get(0).path("facts").path("Git").asText()).isEqualTo("1");
      assertThat(drift.get(0).path("facts").path("Live").asText()).isEqualTo("3");
      assertThat(appconfig.latest().configurationVersion()).as("report only").isEqualTo("3");
    }
  }

  @Test
  void aDeploymentAppConfigRolledBackIsHeldUntilGitChanges() throws Exception {
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      repo.write("prod/flags.yaml", deployment("flags", "flags", 2, appconfig.slow))
          .commit("Flags 2, slowly");
      assertThat(agent.apply().status()).isEqualTo(PassResult.Status.APPLIED);
      int started = appconfig.latest().deploymentNumber();
      appconfig.stop(started); // what AppConfig does when an alarm of the environment fires
      assertThat(appconfig.latest().stateAsString()).isEqualTo("ROLLED_BACK");

      agent.recorder.reset();
      PassResult held = agent.apply();
      assertThat(held.status()).isEqualTo(PassResult.Status.CONVERGED);
      assertThat(held.plan().changes())
          .singleElement()
          .satisfies(
              c ->
                  assertThat(c.describe())
                      .contains("held: AppConfig rolled back deployment #" + started));
      assertThat(agent.recorder.count(START_DEPLOYMENT)).isZero();

      repo.write("prod/flags.yaml", deployment("flags", "flags", 3, appconfig.fast))
          .commit("Flags 3 instead");
      assertThat(agent.apply().status()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(appconfig.latest().configurationVersion()).isEqualTo("3");
    }
  }

  @Test
  void aRolledBackDeploymentIsToldToChatOnceAndNotRestartedBySweeps() throws Exception {
    try (ChatReceiver chat = new ChatReceiver();
        RunHarness agent =
            new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      repo.write("prod/flags.yaml", deployment("flags", "flags", 2, appconfig.slow))
          .commit("Flags 2, slowly");
      agent.runtime.agent().syncCommit();
      appconfig.stop(appconfig.latest().deploymentNumber()); // AppConfig's alarm rollback

      for (int i = 0; i < 3; i++) agent.runtime.agent().sweepDrift();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  chat.received().stream()
                      .anyMatch(j -> j.path("type").asText().equals("change.held")));
      Thread.sleep(300); // nothing more is on its way
      assertThat(
              chat.received().stream()
                  .filter(j -> j.path("type").asText().equals("change.held"))
                  .toList())
          .singleElement()
          .satisfies(j -> assertThat(j.path("facts").path("Why").asText()).contains("rolled back"));
      assertThat(chat.received().stream().map(j -> j.path("type").asText()))
          .doesNotContain("drift.appeared");
      assertThat(appconfig.deployments()).hasSize(1);
      assertThat(agent.runtime.status().resources())
          .singleElement()
          .satisfies(r -> assertThat(r.state().name()).isEqualTo("HELD"));
    }
  }

  @Test
  void aChangeWaitsForAnotherProfilesDeploymentAndStartsWhenItEnds() throws Exception {
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      int running = appconfig.deployByHand(banners, 2, appconfig.slow);
      declare(2);

      PassResult waiting = agent.apply();
      assertThat(waiting.status()).as(waiting.toString()).isEqualTo(PassResult.Status.PENDING);
      assertThat(waiting.settled()).isFalse();
      assertThat(waiting.plan().errors()).isEmpty();
      assertThat(waiting.plan().pending())
          .singleElement()
          .satisfies(
              c ->
                  assertThat(c.describe())
                      .contains("waits for deployment #" + running + " of profile banners"));
      assertThat(appconfig.deployments()).hasSize(1);

      appconfig.stop(running); // it ends (here: stopped, to keep the test short)
      PassResult applied = agent.apply();
      assertThat(applied.status()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(appconfig.latest().configurationName()).isEqualTo("flags");
      assertThat(appconfig.latest().configurationVersion()).isEqualTo("2");
    }
  }

  @Test
  void aRevertDuringADeploymentStopsItAndStartsTheWantedVersion() throws Exception {
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      declare(1);
      agent.apply();
      repo.write("prod/flags.yaml", deployment("flags", "flags", 2, appconfig.slow))
          .commit("Flags 2, slowly");
      agent.apply();
      assertThat(appconfig.latest().stateAsString()).isEqualTo("DEPLOYING");
      int slow = appconfig.latest().deploymentNumber();

      declare(1); // revert while 2 is still deploying
      PassResult reverted = agent.apply();

      assertThat(reverted.status()).as(reverted.toString()).isEqualTo(PassResult.Status.APPLIED);
      List<String> states =
          appconfig.deployments().stream()
              .map(
                  d ->
                      d.deploymentNumber()
                          + ":"
                          + d.configurationVersion()
                          + ":"
                          + d.stateAsString())
              .toList();
      assertThat(states).contains(slow + ":2:ROLLED_BACK");
      assertThat(appconfig.latest().configurationVersion()).isEqualTo("1");
    }
  }

  @Test
  void twoProfilesWithOneNameAreAPlanErrorEvenWhenNamedById() throws Exception {
    String twin = appconfig.hostedProfile("flags", 1); // a second profile named "flags"
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      repo.write("prod/flags.yaml", deployment("flags", twin, 1, appconfig.fast)).commit("By id");
      PassResult r = agent.apply();
      assertThat(r.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
      assertThat(r.plan().errors().toString())
          .contains("2 configuration profiles of application")
          .contains("cannot tell them apart");
      assertThat(appconfig.deployments()).isEmpty();
    }
  }
}
