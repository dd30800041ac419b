package dev.pointsman.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the reader saw for one desired stage: the resolved API id, the stage (absent when missing),
 * the deployments named by the manifest that do not exist, and for each declared Lambda permission
 * ({@code function:alias}) whether the invoke statement for this API is present.
 */
public record ApiStageObservation(
    String restApiId,
    Optional<LiveApiStage> stage,
    Set<String> missingDeployments,
    Map<String, Boolean> permissions) {
  public ApiStageObservation {
    missingDeployments = Set.copyOf(missingDeployments);
    permissions = Map.copyOf(permissions);
  }

  public static String permissionKey(String function, String alias) {
    return function + ":" + alias;
  }
}
