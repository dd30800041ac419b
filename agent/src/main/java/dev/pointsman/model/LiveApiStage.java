package dev.pointsman.model;

import java.util.Map;
import java.util.Optional;

/** An API Gateway stage as AWS reports it (fields Pointsman owns). */
public record LiveApiStage(
    String stage,
    String deploymentId,
    Map<String, String> variables,
    Optional<ApiStage.StageCanary> canary) {
  public LiveApiStage {
    variables = Map.copyOf(variables);
  }
}
