package dev.pointsman.model;

import java.util.Map;
import java.util.Optional;

/**
 * A live ECS service: its task definition and the owned fields of that definition's containers,
 * keyed by container name. Absent when the service does not exist (Pointsman does not create
 * services; that is a plan error).
 */
public record EcsServiceObservation(Optional<Live> service) {
  /** The service as AWS reports it; containers carry every environment variable and secret live. */
  public record Live(
      String serviceArn,
      String taskDefinitionArn,
      int desiredCount,
      Map<String, EcsService.Container> containers) {
    public Live {
      containers = Map.copyOf(containers);
    }
  }
}
