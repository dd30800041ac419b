package dev.pointsman.apply.ecs;

import dev.pointsman.model.EcsService;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A task definition as the request that would register it, normalised (environment and secrets
 * sorted by name) so that two revisions with the same content compare equal. This is what makes
 * "never two revisions with the same content" checkable.
 */
final class TaskDefinitionRequests {
  private TaskDefinitionRequests() {}

  static RegisterTaskDefinitionRequest of(TaskDefinition td) {
    return RegisterTaskDefinitionRequest.builder()
        .family(td.family())
        .taskRoleArn(td.taskRoleArn())
        .executionRoleArn(td.executionRoleArn())
        .networkMode(td.networkMode())
        .containerDefinitions(
            td.containerDefinitions().stream().map(TaskDefinitionRequests::normalise).toList())
        .volumes(td.volumes())
        .placementConstraints(td.placementConstraints())
        .requiresCompatibilitiesWithStrings(td.requiresCompatibilitiesAsStrings())
        .cpu(td.cpu())
        .memory(td.memory())
        .pidMode(td.pidMode())
        .ipcMode(td.ipcMode())
        .proxyConfiguration(td.proxyConfiguration())
        .inferenceAccelerators(td.inferenceAccelerators())
        .ephemeralStorage(td.ephemeralStorage())
        .runtimePlatform(td.runtimePlatform())
        .build();
  }

  /** The current definition with the owned fields of the declared containers replaced. */
  static RegisterTaskDefinitionRequest derive(TaskDefinition current, EcsService desired) {
    RegisterTaskDefinitionRequest base = of(current);
    Map<String, EcsService.Container> wanted =
        desired.containers().stream().collect(Collectors.toMap(EcsService.Container::name, c -> c));
    List<ContainerDefinition> containers =
        base.containerDefinitions().stream()
            .map(c -> wanted.containsKey(c.name()) ? apply(c, wanted.get(c.name())) : c)
            .toList();
    return base.toBuilder().containerDefinitions(containers).build();
  }

  private static ContainerDefinition apply(ContainerDefinition c, EcsService.Container want) {
    ContainerDefinition.Builder b = c.toBuilder().image(want.image());
    want.environment()
        .ifPresent(
            e ->
                b.environment(
                    e.entrySet().stream()
                        .map(
                            x ->
                                KeyValuePair.builder().name(x.getKey()).value(x.getValue()).build())
                        .toList()));
    want.secrets()
        .ifPresent(
            s ->
                b.secrets(
                    s.entrySet().stream()
                        .map(x -> Secret.builder().name(x.getKey()).valueFrom(x.getValue()).build())
                        .toList()));
    return normalise(b.build());
  }

  private static ContainerDefinition normalise(ContainerDefinition c) {
    return c.toBuilder()
        .environment(
            c.environment().stream().sorted(Comparator.comparing(KeyValuePair::name)).toList())
        .secrets(c.secrets().stream().sorted(Comparator.comparing(Secret::name)).toList())
        .build();
  }
}
