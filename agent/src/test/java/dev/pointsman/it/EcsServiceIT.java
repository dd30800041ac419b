package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.outcome.PassResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** ECS services as pointers: revisions derived only when content differs, reused on revert. */
class EcsServiceIT {
  @TempDir Path tmp;
  private final EcsFixture ecs = new EcsFixture();
  private GitFixture repo;
  private AgentHarness agent;
  private String cluster;
  private String family;
  private String param;

  @BeforeEach
  void setUp() throws Exception {
    cluster = LambdaFixture.uniqueName("shop");
    family = LambdaFixture.uniqueName("orders");
    param = "/" + cluster + "/orders/db-url";
    ecs.createService(cluster, "orders", family);
    ecs.putParameter(param);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
    agent = new AgentHarness(repo.url(), tmp.resolve("work"));
  }

  @AfterEach
  void tearDown() {
    agent.close();
    repo.close();
    ecs.close();
  }

  private String service(String image, String mode, String secretRef) {
    return """
        apiVersion: pointsman.dev/v1
        kind: EcsService
        metadata:
          name: orders
        spec:
          cluster: %s
          service: orders
          desiredCount: 2
          containers:
            - name: app
              image: %s
              environment: {MODE: %s, REGION_HINT: eu}
              secrets: {DB_URL: "%s"}
        """
        .formatted(cluster, image, mode, secretRef);
  }

  private String liveTaskDefinition() {
    return ecs.service(cluster, "orders").taskDefinition();
  }

  @Test
  void anImageChangeRegistersOneRevisionAndARevertReusesTheOldOne() throws Exception {
    repo.write("prod/orders.yaml", service(EcsFixture.DIGEST_A, "blue", "ssm:" + param))
        .commit("Manage orders");
    PassResult first = agent.apply();
    assertThat(first.status()).as(first.toString()).isEqualTo(PassResult.Status.APPLIED);
    String managed = liveTaskDefinition();
    assertThat(agent.recorder.count("RegisterTaskDefinition")).isEqualTo(1);

    String promotion =
        repo.write("prod/orders.yaml", service(EcsFixture.DIGEST_B, "blue", "ssm:" + param))
            .commit("Image B");
    agent.recorder.reset();
    PassResult promoted = agent.apply();

    assertThat(promoted.plan().pending())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.describe())
                    .isEqualTo(
                        "~ prod  EcsService "
                            + cluster
                            + "/orders  containers.app.image "
                            + EcsFixture.DIGEST_A
                            + " → "
                            + EcsFixture.DIGEST_B));
    assertThat(agent.recorder.count("RegisterTaskDefinition")).isEqualTo(1);
    assertThat(agent.recorder.count("UpdateService")).isEqualTo(1);
    TaskDefinition promotedTd = ecs.taskDefinition(liveTaskDefinition());
    ContainerDefinition app =
        promotedTd.containerDefinitions().stream()
            .filter(c -> c.name().equals("app"))
            .findFirst()
            .orElseThrow();
    assertThat(app.image()).isEqualTo(EcsFixture.DIGEST_B);
    assertThat(promotedTd.cpu()).as("fields we do not own are kept").isEqualTo("256");
    assertThat(promotedTd.executionRoleArn()).endsWith(":role/ecsTaskExecution");
    assertThat(promotedTd.containerDefinitions())
        .extracting(ContainerDefinition::name)
        .containsExactly("app", "sidecar");

    repo.revert(promotion);
    agent.recorder.reset();
    PassResult reverted = agent.apply();

    assertThat(reverted.status()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(liveTaskDefinition()).isEqualTo(managed);
    assertThat(agent.recorder.count("RegisterTaskDefinition")).as("rollback points back").isZero();
    assertThat(ecs.revisions(family)).hasSize(3);

    agent.recorder.reset();
    assertThat(agent.apply().status()).isEqualTo(PassResult.Status.CONVERGED);
    assertThat(agent.recorder.count("DescribeTaskDefinition")).as("revisions are cached").isZero();
    assertThat(agent.recorder.count("DescribeServices")).isEqualTo(1);
  }

  @Test
  void anAgentKilledBetweenRegisterAndUpdateDoesNotRegisterADuplicate() throws Exception {
    repo.write("prod/orders.yaml", service(EcsFixture.DIGEST_A, "blue", "ssm:" + param))
        .commit("Manage orders");
    agent.apply();
    repo.write("prod/orders.yaml", service(EcsFixture.DIGEST_B, "green", "ssm:" + param))
        .commit("Image B, green");
    // The state a crash right after RegisterTaskDefinition leaves: the new revision exists, the
    // service
    // still runs the old one.
    TaskDefinition current = ecs.taskDefinition(liveTaskDefinition());
    List<ContainerDefinition> containers =
        current.containerDefinitions().stream()
            .map(
                c ->
                    !c.name().equals("app")
                        ? c
                        : c.toBuilder()
                            .image(EcsFixture.DIGEST_B)
                            .environment(
                                KeyValuePair.builder().name("REGION_HINT").value("eu").build(),
                                KeyValuePair.builder().name("MODE").value("green").build())
                            .build())
            .toList();
    String orphan =
        ecs.client()
            .registerTaskDefinition(
                r ->
                    r.family(family)
                        .cpu(current.cpu())
                        .memory(current.memory())
                        .taskRoleArn(current.taskRoleArn())
                        .executionRoleArn(current.executionRoleArn())
                        .networkMode(current.networkMode())
                        .requiresCompatibilitiesWithStrings(
                            current.requiresCompatibilitiesAsStrings())
                        .containerDefinitions(containers))
            .taskDefinition()
            .taskDefinitionArn();
    int before = ecs.revisions(family).size();
    agent.recorder.reset();

    assertThat(agent.apply().status()).isEqualTo(PassResult.Status.APPLIED);

    assertThat(agent.recorder.count("RegisterTaskDefinition")).isZero();
    assertThat(ecs.revisions(family)).hasSize(before);
    assertThat(liveTaskDefinition()).isEqualTo(orphan);
  }

  @Test
  void aMissingSsmParameterBlocksTheWholeCommitWithZeroWrites() throws Exception {
    repo.write("prod/orders.yaml", service(EcsFixture.DIGEST_A, "blue", "ssm:/nope/not-there"))
        .commit("Typo in reference");

    PassResult result = agent.apply();

    assertThat(result.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
    assertThat(result.plan().errors())
        .singleElement()
        .asString()
        .contains("prod/orders.yaml:1", "SSM parameter /nope/not-there does not exist");
    assertThat(agent.recorder.operations())
        .doesNotContain("RegisterTaskDefinition", "UpdateService");
    assertThat(agent.recorder.count("GetParameters")).isEqualTo(1);
  }

  @Test
  void aTagInAProtectedEnvironmentIsRejectedBeforeAnyAwsCall() throws Exception {
    repo.write(
            "prod/orders.yaml",
            service("registry.example.com/orders:latest", "blue", "ssm:" + param))
        .commit("Tag");

    PassResult result = agent.apply();

    assertThat(result.status()).isEqualTo(PassResult.Status.REJECTED);
    assertThat(result.rejections())
        .singleElement()
        .asString()
        .contains(
            "prod/orders.yaml:11: spec.containers.0.image", "pinned by digest", "orders:latest");
    assertThat(agent.recorder.operations()).isEmpty();
  }
}
