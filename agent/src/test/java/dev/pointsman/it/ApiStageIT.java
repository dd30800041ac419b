package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.outcome.PassResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API Gateway stages as pointers: deployment, variables, canary, invoke permissions. */
class ApiStageIT {
  @TempDir Path tmp;
  private final ApiGatewayFixture apigw = new ApiGatewayFixture();
  private final LambdaFixture lambda = new LambdaFixture();
  private GitFixture repo;
  private AgentHarness agent;
  private String apiId;
  private String dep1;
  private String dep2;
  private String dep3;

  @BeforeEach
  void setUp() throws Exception {
    List<String> ids = apigw.createApi(LambdaFixture.uniqueName("orders-api"), 3);
    apiId = ids.get(0);
    dep1 = ids.get(1);
    dep2 = ids.get(2);
    dep3 = ids.get(3);
    apigw.createStage(apiId, "prod", dep1, Map.of("env", "prod", "old", "x"));
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, false));
    agent = new AgentHarness(repo.url(), tmp.resolve("work"));
  }

  @AfterEach
  void tearDown() {
    agent.close();
    repo.close();
    apigw.close();
    lambda.close();
  }

  private String stage(String deployment, String variables, String extra) {
    return """
        apiVersion: pointsman.dev/v1
        kind: ApiStage
        metadata:
          name: orders-prod
        spec:
          restApiId: "%s"
          stage: prod
          deploymentId: "%s"
          variables: {%s}
        """
            .formatted(apiId, deployment, variables)
        + extra;
  }

  private List<String> stagePatches() {
    return agent.recorder.requests().stream()
        .filter(r -> r.startsWith("PATCH ") && r.contains("/stages/"))
        .toList();
  }

  @Test
  void aStageIsPromotedAndItsVariablesAddedChangedAndRemovedInOneUpdateStage() throws Exception {
    repo.write("prod/api.yaml", stage(dep2, "env: production, fresh: \"1\"", ""))
        .commit("Promote API deployment");

    PassResult result = agent.apply();

    assertThat(result.status()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(result.plan().pending())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.describe())
                    .isEqualTo(
                        "~ prod  ApiStage "
                            + apiId
                            + "/prod  deploymentId "
                            + dep1
                            + " → "
                            + dep2
                            + ", variables.env prod → production, variables.fresh none → 1, variables.old x → none"));
    var live = apigw.stage(apiId, "prod");
    assertThat(live.deploymentId()).isEqualTo(dep2);
    assertThat(live.variables())
        .containsExactlyInAnyOrderEntriesOf(Map.of("env", "production", "fresh", "1"));
    assertThat(stagePatches()).hasSize(1);

    agent.recorder.reset();
    assertThat(agent.apply().status()).isEqualTo(PassResult.Status.CONVERGED);
    assertThat(stagePatches()).isEmpty();
    assertThat(
            agent.recorder.requests().stream()
                .filter(r -> r.startsWith("GET ") && r.endsWith("/stages")))
        .as("one GetStages per API")
        .hasSize(1);
  }

  @Test
  void aCanaryIsTurnedOnChangedAndTurnedOff() throws Exception {
    String canary =
        "  canary: {deploymentId: \"%s\", percentTraffic: %s, variables: {env: canary}}\n";
    repo.write("prod/api.yaml", stage(dep1, "env: prod, old: x", canary.formatted(dep2, "10")))
        .commit("Canary 10%");
    agent.apply();
    var c = apigw.stage(apiId, "prod").canarySettings();
    assertThat(c.deploymentId()).isEqualTo(dep2);
    assertThat(c.percentTraffic()).isEqualTo(10.0);
    assertThat(c.stageVariableOverrides()).containsExactlyEntriesOf(Map.of("env", "canary"));

    repo.write("prod/api.yaml", stage(dep1, "env: prod, old: x", canary.formatted(dep3, "25.5")))
        .commit("Canary 25.5% on dep3");
    agent.recorder.reset();
    agent.apply();
    c = apigw.stage(apiId, "prod").canarySettings();
    assertThat(c.deploymentId()).isEqualTo(dep3);
    assertThat(c.percentTraffic()).isEqualTo(25.5);
    assertThat(stagePatches()).hasSize(1);

    repo.write("prod/api.yaml", stage(dep3, "env: prod, old: x", ""))
        .commit("Promote dep3, drop the canary");
    agent.apply();
    var live = apigw.stage(apiId, "prod");
    assertThat(live.deploymentId()).isEqualTo(dep3);
    assertThat(live.canarySettings()).isNull();
  }

  @Test
  void aStageVariableChangedByHandIsPutBack() throws Exception {
    repo.write("prod/api.yaml", stage(dep1, "env: prod, old: x", "")).commit("As is");
    assertThat(agent.apply().status()).isEqualTo(PassResult.Status.CONVERGED);
    apigw.setVariableByHand(apiId, "prod", "env", "hacked");

    PassResult healed = agent.apply();

    assertThat(healed.plan().pending())
        .singleElement()
        .satisfies(ch -> assertThat(ch.describe()).contains("variables.env hacked → prod"));
    assertThat(apigw.stage(apiId, "prod").variables()).containsEntry("env", "prod");
  }

  @Test
  void aMissingStageIsCreatedAndAMissingDeploymentBlocksTheCommit() throws Exception {
    repo.write("prod/api.yaml", stage(dep1, "env: prod", "").replace("stage: prod", "stage: beta"))
        .commit("New stage");
    PassResult created = agent.apply();
    assertThat(created.status()).as(created.toString()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(apigw.stage(apiId, "beta").deploymentId()).isEqualTo(dep1);

    repo.write(
            "prod/api.yaml",
            stage("nosuchdep1", "env: prod", "").replace("stage: prod", "stage: beta"))
        .commit("Bad deployment");
    agent.recorder.reset();
    PassResult bad = agent.apply();
    assertThat(bad.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
    assertThat(bad.plan().errors())
        .singleElement()
        .asString()
        .contains("deployment nosuchdep1", "does not exist");
    assertThat(stagePatches()).isEmpty();
  }

  @Test
  void anApiIsFoundByNameAndAnUnknownNameIsAnError() throws Exception {
    String name = apigw.client().getRestApi(r -> r.restApiId(apiId)).name();
    repo.write(
            "prod/api.yaml",
            stage(dep2, "env: prod, old: x", "")
                .replace("restApiId: \"" + apiId + "\"", "restApiName: " + name))
        .commit("By name");
    assertThat(agent.apply().status()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(apigw.stage(apiId, "prod").deploymentId()).isEqualTo(dep2);

    repo.write(
            "prod/api.yaml",
            stage(dep2, "env: prod", "")
                .replace("restApiId: \"" + apiId + "\"", "restApiName: no-such-api"))
        .commit("Typo");
    assertThat(agent.apply().plan().errors())
        .singleElement()
        .asString()
        .contains("no REST API is named no-such-api");
  }

  @Test
  void anApiRecreatedUnderTheSameNameIsFoundAgainWithOneLookup() throws Exception {
    String name = apigw.client().getRestApi(r -> r.restApiId(apiId)).name();
    String byName = "restApiName: " + name;
    repo.write(
            "prod/api.yaml",
            stage(dep2, "env: prod, old: x", "").replace("restApiId: \"" + apiId + "\"", byName))
        .commit("By name");
    assertThat(agent.apply().status())
        .isEqualTo(PassResult.Status.APPLIED); // the name is remembered

    apigw.client().deleteRestApi(r -> r.restApiId(apiId));
    List<String> again = apigw.createApi(name, 1);
    apigw.createStage(again.get(0), "prod", again.get(1), Map.of("env", "prod", "old", "x"));
    repo.write(
            "prod/api.yaml",
            stage(again.get(1), "env: prod, old: x", "")
                .replace("restApiId: \"" + apiId + "\"", byName))
        .commit("Same name, new API");
    agent.recorder.reset();

    assertThat(agent.plan().plan().errors()).isEmpty();
    assertThat(agent.recorder.requests().stream().filter(r -> r.startsWith("GET /restapis?")))
        .as("one fresh lookup of the names")
        .hasSize(1);
    assertThat(
            agent.recorder.requests().stream()
                .filter(r -> r.equals("GET /restapis/" + apiId + "/stages")))
        .as("the deleted API is asked once")
        .hasSize(1);
  }

  @Test
  void theInvokePermissionIsAddedOnceAndNeverDuplicated() throws Exception {
    String fn = LambdaFixture.uniqueName("ProcessOrder");
    lambda.createFunction(fn, 1);
    lambda.client().createAlias(r -> r.functionName(fn).name("prod").functionVersion("1"));
    String perms =
        "  lambdaPermissions:\n    - {functionName: %s, aliasFromVariable: env}\n".formatted(fn);
    repo.write("prod/api.yaml", stage(dep1, "env: prod, old: x", perms))
        .commit("Stage selects ProcessOrder:${stageVariables.env}");

    PassResult first = agent.apply();

    assertThat(first.plan().pending())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.describe())
                    .contains("permission " + fn + ":prod none → API Gateway may invoke"));
    assertThat(statements(fn, "prod")).hasSize(1);
    assertThat(
            agent.recorder.requests().stream()
                .filter(r -> r.startsWith("POST ") && r.contains("/policy")))
        .hasSize(1);

    agent.recorder.reset();
    assertThat(agent.apply().status()).isEqualTo(PassResult.Status.CONVERGED);
    assertThat(
            agent.recorder.requests().stream()
                .filter(r -> r.startsWith("POST ") && r.contains("/policy")))
        .isEmpty();
    assertThat(statements(fn, "prod")).hasSize(1);
  }

  private List<String> statements(String fn, String alias) throws Exception {
    String policy = lambda.client().getPolicy(r -> r.functionName(fn).qualifier(alias)).policy();
    List<String> sids = new java.util.ArrayList<>();
    new ObjectMapper()
        .readTree(policy)
        .path("Statement")
        .forEach(s -> sids.add(s.path("Sid").asText()));
    return sids;
  }
}
