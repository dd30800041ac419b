package dev.pointsman.plan.apigateway;

import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.plan.Diff;
import dev.pointsman.plan.Differ;
import dev.pointsman.plan.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the fields Pointsman owns on a stage: deployment, stage variables, canary settings, and
 * the Lambda invoke permissions the stage needs. Each patch operation becomes one readable field
 * change.
 */
public final class ApiStageDiffer implements Differ<ApiStage, ApiStageObservation> {
  @Override
  public Diff diff(ApiStage desired, ApiStageObservation observed) {
    List<String> problems = new ArrayList<>();
    observed.missingDeployments().stream()
        .sorted()
        .forEach(
            d ->
                problems.add(
                    "deployment "
                        + d
                        + " of REST API "
                        + observed.restApiId()
                        + " does not exist; create it first"));
    if (!problems.isEmpty()) return Diff.impossible(problems);

    LiveApiStage live =
        observed
            .stage()
            .orElse(new LiveApiStage(desired.stage(), "none", Map.of(), Optional.empty()));
    List<FieldChange> fields = new ArrayList<>();
    for (PatchOp op : StagePatch.operations(desired, live)) {
      fields.add(
          new FieldChange(field(op.path()), liveValue(op.path(), live), op.value().orElse("none")));
    }
    for (ApiStage.LambdaPermission p : desired.lambdaPermissions()) {
      String alias = desired.variables().get(p.aliasFromVariable());
      if (!observed
          .permissions()
          .getOrDefault(ApiStageObservation.permissionKey(p.functionName(), alias), false)) {
        fields.add(
            new FieldChange(
                "permission " + p.functionName() + ":" + alias, "none", "API Gateway may invoke"));
      }
    }
    return new Diff(observed.stage().isPresent(), fields, List.of());
  }

  private static String field(String path) {
    return path.substring(1).replace("/", ".").replace("~1", "/").replace("~0", "~");
  }

  private static String liveValue(String path, LiveApiStage live) {
    String[] parts = path.substring(1).split("/");
    Optional<ApiStage.StageCanary> canary = live.canary();
    return switch (parts[0]) {
      case "deploymentId" -> live.deploymentId();
      case "variables" -> live.variables().getOrDefault(unescape(parts[1]), "none");
      case "canarySettings" -> {
        if (parts.length == 1)
          yield canary.map(c -> c.deploymentId() + " at " + c.percentTraffic()).orElse("none");
        yield switch (parts[1]) {
          case "deploymentId" -> canary.map(ApiStage.StageCanary::deploymentId).orElse("none");
          case "percentTraffic" ->
              canary.map(c -> c.percentTraffic().value().toPlainString()).orElse("none");
          default ->
              canary
                  .map(c -> c.variables().getOrDefault(unescape(parts[2]), "none"))
                  .orElse("none");
        };
      }
      default -> "?";
    };
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }
}
