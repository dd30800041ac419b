package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.outcome.PassResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promote by merge, roll back by revert: the Lambda alias path end to end against the emulator. */
class LambdaAliasIT {
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private GitFixture repo;
  private AgentHarness agent;
  private String fn;
  private List<String> shas;

  @BeforeEach
  void setUp() throws Exception {
    fn = LambdaFixture.uniqueName("orders");
    shas = lambda.createFunction(fn, 3);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
        .write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "1"))
        .write("dev/environment.yaml", Manifests.environment("dev", Emulator.ACCOUNT, false))
        .write("dev/orders.yaml", Manifests.alias("orders", fn, "dev", "2"));
    repo.commit("Initial pointers");
    agent = new AgentHarness(repo.url(), tmp.resolve("work"));
  }

  @AfterEach
  void tearDown() {
    agent.close();
    repo.close();
    lambda.close();
  }

  @Test
  void firstApplyCreatesTheAliases() throws Exception {
    PassResult result = agent.apply();

    assertThat(result.status()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
    assertThat(lambda.alias(fn, "dev").functionVersion()).isEqualTo("2");
    assertThat(agent.recorder.lambdaWrites())
        .hasSize(2)
        .allMatch(r -> r.startsWith("POST ") && r.endsWith("/aliases"));
  }

  @Test
  void aCommitChangingProdPromotesItAndItsRevertRollsBack() throws Exception {
    agent.apply();
    String promotion =
        repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "3"))
            .commit("Promote orders 3 to prod");

    PassResult promoted = agent.apply();

    assertThat(promoted.commit().sha()).isEqualTo(promotion);
    assertThat(promoted.plan().pending())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.describe())
                    .isEqualTo("~ prod  LambdaAlias " + fn + "/live  version 1 → 3"));
    assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("3");
    assertThat(lambda.alias(fn, "dev").functionVersion()).isEqualTo("2");

    repo.revert(promotion);
    agent.recorder.reset();
    PassResult rolledBack = agent.apply();

    assertThat(rolledBack.status()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
    assertThat(agent.recorder.lambdaWrites())
        .singleElement()
        .asString()
        .startsWith("PUT ")
        .endsWith("/aliases/live");
  }

  @Test
  void routingTenPercentIsStoredAsAFractionAndRemovingItClearsIt() throws Exception {
    repo.write("prod/orders.yaml", Manifests.aliasWithRouting("orders", fn, "live", "2", "3", "10"))
        .commit("Canary 3 at 10%");
    agent.apply();

    assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
    assertThat(lambda.weights(fn, "live")).containsExactly(java.util.Map.entry("3", 0.1));
    assertThat(agent.plan().status()).isEqualTo(PassResult.Status.CONVERGED);

    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "3"))
        .commit("Finish canary: 3 takes all");
    agent.apply();

    assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("3");
    assertThat(lambda.weights(fn, "live")).isEmpty();
  }

  @Test
  void aSecondApplyOnAConvergedStateMakesNoWriteCalls() throws Exception {
    agent.apply();
    agent.recorder.reset();

    PassResult again = agent.apply();

    assertThat(again.status()).isEqualTo(PassResult.Status.CONVERGED);
    assertThat(agent.recorder.lambdaWrites()).isEmpty();
    // One ListAliases for the function, shared by both environments (same account and Region);
    // versions come from the immutable cache.
    assertThat(agent.recorder.requests().stream().filter(r -> r.contains("/aliases")).toList())
        .hasSize(1);
    assertThat(agent.recorder.requests().stream().filter(r -> r.contains("Qualifier=")).toList())
        .isEmpty();
  }

  @Test
  void anAliasChangedByHandIsPutBackByTheNextApply() throws Exception {
    agent.apply();
    lambda.setAliasByHand(fn, "live", "3");

    PassResult healed = agent.apply();

    assertThat(healed.plan().pending())
        .singleElement()
        .satisfies(c -> assertThat(c.describe()).contains("version 3 → 1"));
    assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
  }

  @Test
  void aMissingVersionIsAPlanErrorAndNothingIsWritten() throws Exception {
    repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "9"))
        .commit("Promote a version nobody published");

    PassResult result = agent.apply();

    assertThat(result.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
    assertThat(result.plan().errors())
        .singleElement()
        .asString()
        .contains("prod/orders.yaml:1", "version 9", "does not exist");
    assertThat(agent.recorder.lambdaWrites()).isEmpty();
  }

  @Test
  void aCodeHashThatDoesNotMatchTheVersionBlocksTheCommit() throws Exception {
    String manifest =
        Manifests.alias("orders", fn, "live", "2") + "  codeSha256: \"" + shas.get(0) + "\"\n";
    repo.write("prod/orders.yaml", manifest).commit("Pin the wrong bits");

    PassResult result = agent.apply();

    assertThat(result.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
    assertThat(result.plan().errors())
        .singleElement()
        .asString()
        .contains("carries code sha256 " + shas.get(1));
    assertThat(agent.recorder.lambdaWrites()).isEmpty();

    repo.write(
            "prod/orders.yaml",
            Manifests.alias("orders", fn, "live", "2") + "  codeSha256: \"" + shas.get(1) + "\"\n")
        .commit("Pin the right bits");
    assertThat(agent.apply().status()).isEqualTo(PassResult.Status.APPLIED);
  }

  @Test
  void anEnvironmentInAnotherAccountIsNotTouched() throws Exception {
    repo.write("prod/environment.yaml", Manifests.environment("prod", "123456789012", true))
        .commit("Wrong account");

    PassResult result = agent.apply();

    assertThat(result.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
    assertThat(result.plan().errors())
        .singleElement()
        .asString()
        .contains("account 000000000000", "declares account 123456789012");
    assertThat(agent.recorder.lambdaWrites()).isEmpty();
  }
}
