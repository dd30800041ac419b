package dev.pointsman.it;

import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;

/** An ECS cluster and service created directly in the emulator, read back through the SDK. */
public final class EcsFixture implements AutoCloseable {
  public static final String DIGEST_A = "registry.example.com/orders@sha256:" + "a".repeat(64);
  public static final String DIGEST_B = "registry.example.com/orders@sha256:" + "b".repeat(64);

  private final EcsClient ecs = Emulator.client(EcsClient.builder());
  private final SsmClient ssm = Emulator.client(SsmClient.builder());

  public EcsClient client() {
    return ecs;
  }

  /** A cluster with one service running revision 1 of {@code family} (image A, cpu/memory set). */
  public void createService(String cluster, String service, String family) {
    ecs.createCluster(r -> r.clusterName(cluster));
    TaskDefinition td =
        ecs.registerTaskDefinition(
                r ->
                    r.family(family)
                        .cpu("256")
                        .memory("512")
                        .executionRoleArn(
                            "arn:aws:iam::" + Emulator.ACCOUNT + ":role/ecsTaskExecution")
                        .containerDefinitions(
                            ContainerDefinition.builder()
                                .name("app")
                                .image(DIGEST_A)
                                .memory(256)
                                .essential(true)
                                .environment(
                                    KeyValuePair.builder().name("MODE").value("blue").build())
                                .build(),
                            ContainerDefinition.builder()
                                .name("sidecar")
                                .image("envoy:1.30")
                                .memory(64)
                                .essential(false)
                                .build()))
            .taskDefinition();
    ecs.createService(
        r ->
            r.cluster(cluster)
                .serviceName(service)
                .taskDefinition(td.taskDefinitionArn())
                .desiredCount(1));
  }

  public Service service(String cluster, String service) {
    return ecs.describeServices(r -> r.cluster(cluster).services(service)).services().get(0);
  }

  public TaskDefinition taskDefinition(String arn) {
    return ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
  }

  public List<String> revisions(String family) {
    return ecs.listTaskDefinitions(r -> r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE))
        .taskDefinitionArns();
  }

  public void putParameter(String name) {
    ssm.putParameter(
        r -> r.name(name).value("not-a-secret-just-config").type("String").overwrite(true));
  }

  @Override
  public void close() {
    ecs.close();
    ssm.close();
  }
}
