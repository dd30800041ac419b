package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pointsman.reconcile.AgentLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release policy against the emulator, with soaks of seconds: a promotion waits for its soak in
 * the source environment and goes by itself; freezes hold changes but let rollbacks through; an
 * override trailer is announced; a restart keeps the soak's elapsed time.
 */
class ReleasePolicyIT {
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private ChatReceiver chat;
  private GitFixture repo;
  private String fn;
  private RunHarness agent;
  private AgentLoop loop;

  @BeforeEach
  void setUp() throws Exception {
    chat = new ChatReceiver();
    fn = LambdaFixture.uniqueName("orders");
    lambda.createFunction(fn, 3);
    for (String alias : List.of("staging", "prod"))
      lambda.client().createAlias(r -> r.functionName(fn).name(alias).functionVersion("1"));
    repo = new GitFixture(tmp.resolve("repo"));
  }

  @AfterEach
  void tearDown() {
    stop();
    repo.close();
    chat.close();
    lambda.close();
  }

  private void start() {
    agent = new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5));
    loop = agent.runtime.loop(Duration.ofMillis(300), Duration.ofMinutes(10));
    Thread t = new Thread(loop::run, "policy-loop");
    t.setDaemon(true);
    t.start();
  }

  private void stop() {
    if (loop != null) loop.stop();
    if (agent != null) agent.close();
    loop = null;
    agent = null;
  }

  private static String environment(String name, String policy) {
    return Manifests.environment(name, Emulator.ACCOUNT, false) + policy;
  }

  private void write(String stagingVersion, String prodVersion, String prodPolicy)
      throws Exception {
    repo.write("staging/environment.yaml", environment("staging", ""))
        .write("staging/orders.yaml", Manifests.alias("orders", fn, "staging", stagingVersion))
        .write("prod/environment.yaml", environment("prod", prodPolicy))
        .write("prod/orders.yaml", Manifests.alias("orders", fn, "prod", prodVersion));
  }

  private String live(String alias) {
    return lambda.alias(fn, alias).functionVersion();
  }

  private List<JsonNode> held() {
    return chat.received().stream()
        .filter(j -> j.path("type").asText().equals("change.held"))
        .toList();
  }

  /** Both aliases at these versions, and the agent has seen the commit live (its ledger too). */
  private void awaitConverged(String staging, String prod) throws Exception {
    String head = repo.head();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                live("staging").equals(staging)
                    && live("prod").equals(prod)
                    && agent
                        .runtime
                        .status()
                        .lastApplied()
                        .map(c -> c.sha().equals(head))
                        .orElse(false));
  }

  @Test
  void aPromotionWaitsForItsSoakInTheSourceEnvironmentThenGoesByItself() throws Exception {
    String policy = "  promotion:\n    from: staging\n    soak: 6s\n";
    write("1", "1", policy);
    repo.commit("Orders 1 everywhere");
    start();
    awaitConverged("1", "1");

    write("2", "2", policy);
    repo.commit("Orders 2 in staging and prod at once");
    await().atMost(Duration.ofSeconds(10)).until(() -> live("staging").equals("2"));
    Instant stagingLive = Instant.now();
    await().atMost(Duration.ofSeconds(5)).until(() -> held().size() == 1);
    assertThat(live("prod")).as("held, not rejected").isEqualTo("1");
    assertThat(held().get(0).path("facts").path("Why").asText())
        .as("staging moves in the same pass")
        .contains("orders 2 has not served staging yet");
    assertThat(agent.runtime.status().resources())
        .anySatisfy(r -> assertThat(r.id().environment() + " " + r.state()).isEqualTo("prod HELD"));

    await().atMost(Duration.ofSeconds(20)).until(() -> live("prod").equals("2"));
    assertThat(Duration.between(stagingLive, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(held()).as("told once, not at every poll").hasSize(1);
  }

  @Test
  void aRestartInTheMiddleOfASoakKeepsTheElapsedTime() throws Exception {
    String policy = "  promotion:\n    from: staging\n    soak: 10s\n";
    write("1", "1", policy);
    repo.commit("Orders 1 everywhere");
    start();
    awaitConverged("1", "1");
    write("3", "3", policy);
    repo.commit("Orders 3");
    await().atMost(Duration.ofSeconds(10)).until(() -> live("staging").equals("3"));
    Instant stagingLive = Instant.now();
    Thread.sleep(5000);
    stop();
    Instant restarted = Instant.now();
    start();
    await().atMost(Duration.ofSeconds(20)).until(() -> live("prod").equals("3"));
    Instant prodLive = Instant.now();
    assertThat(Duration.between(stagingLive, prodLive))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    assertThat(Duration.between(restarted, prodLive))
        .as("the soak went on counting across the restart")
        .isLessThan(Duration.ofSeconds(9));
  }

  @Test
  void aFreezeHoldsAPromotionLetsARollbackThroughAndAnOverrideIsAnnounced() throws Exception {
    write("1", "1", "");
    repo.commit("Orders 1");
    start();
    awaitConverged("1", "1");
    write("2", "2", "");
    repo.commit("Orders 2");
    awaitConverged("2", "2");

    String freeze =
        "  freezes:\n    - from: \"%s\"\n      until: \"%s\"\n"
            .formatted(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
    write("3", "3", freeze);
    repo.commit("Orders 3 during the freeze");
    await().atMost(Duration.ofSeconds(10)).until(() -> held().size() == 1);
    assertThat(held().get(0).path("facts").path("Why").asText()).contains("prod is frozen until");
    assertThat(live("prod")).isEqualTo("2");
    assertThat(live("staging")).as("staging has no freeze").isEqualTo("3");

    write("3", "1", freeze);
    repo.commit("Roll prod back to 1");
    await().atMost(Duration.ofSeconds(10)).until(() -> live("prod").equals("1"));

    write("3", "3", freeze);
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "prod", "3"));
    repo.commit("Hotfix 3 to prod\n\nPointsman-Override: incident 42, the fix cannot wait");
    await().atMost(Duration.ofSeconds(10)).until(() -> live("prod").equals("3"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                chat.received().stream()
                    .anyMatch(j -> j.path("type").asText().equals("change.override")));
    JsonNode override =
        chat.received().stream()
            .filter(j -> j.path("type").asText().equals("change.override"))
            .findFirst()
            .orElseThrow();
    assertThat(override.path("facts").path("Reason").asText())
        .isEqualTo("incident 42, the fix cannot wait");
    assertThat(override.path("facts").path("Author").asText()).isEqualTo("Test Author");
  }

  @Test
  void aDriftHealWaitsForTheEndOfAFreeze() throws Exception {
    String freeze =
        "  drift: heal\n  freezes:\n    - from: \"%s\"\n      until: \"%s\"\n"
            .formatted(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
    write("1", "1", freeze);
    repo.commit("Orders 1, prod frozen and healing");
    start();
    awaitConverged("1", "1");
    lambda.setAliasByHand(fn, "prod", "3");

    agent.runtime.agent().sweepDrift();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                chat.received().stream()
                    .anyMatch(j -> j.path("type").asText().equals("drift.appeared")));
    JsonNode drift =
        chat.received().stream()
            .filter(j -> j.path("type").asText().equals("drift.appeared"))
            .findFirst()
            .orElseThrow();
    assertThat(drift.path("facts").path("Action").asText())
        .contains("heal deferred", "prod is frozen");
    assertThat(live("prod")).as("not healed during the freeze").isEqualTo("3");
  }
}
