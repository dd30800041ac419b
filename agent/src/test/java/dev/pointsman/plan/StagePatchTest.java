package dev.pointsman.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.ApiStage;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.model.Percent;
import dev.pointsman.model.Source;
import dev.pointsman.plan.apigateway.PatchOp;
import dev.pointsman.plan.apigateway.StagePatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact UpdateStage operations, including cases the emulator cannot show. */
class StagePatchTest {
  private static ApiStage desired(
      String deployment, Map<String, String> vars, Optional<ApiStage.StageCanary> canary) {
    return new ApiStage(
        "prod",
        "orders",
        new ApiStage.ApiRef(Optional.of("abc123defg"), Optional.empty()),
        "prod",
        deployment,
        vars,
        canary,
        false,
        List.of(),
        List.of(),
        Optional.empty(),
        new Source("prod/api.yaml", 1));
  }

  private static List<String> ops(ApiStage d, LiveApiStage l) {
    return StagePatch.operations(d, l).stream().map(PatchOp::toString).toList();
  }

  @Test
  void aConvergedStageNeedsNoOperation() {
    LiveApiStage live = new LiveApiStage("prod", "d1", Map.of("env", "prod"), Optional.empty());
    assertThat(ops(desired("d1", Map.of("env", "prod"), Optional.empty()), live)).isEmpty();
  }

  @Test
  void variablesAreAddedChangedAndRemovedByNameWithPointerEscaping() {
    LiveApiStage live =
        new LiveApiStage(
            "prod", "d1", Map.of("gone", "1", "env", "dev", "same", "x"), Optional.empty());
    assertThat(
            ops(
                desired("d2", Map.of("env", "prod", "same", "x", "a/b~c", "v"), Optional.empty()),
                live))
        .containsExactly(
            "replace /deploymentId d2",
            "replace /variables/a~1b~0c v",
            "replace /variables/env prod",
            "remove /variables/gone");
  }

  @Test
  void aCanaryIsCreatedChangedAndRemoved() {
    var canary = new ApiStage.StageCanary("d2", Percent.of("10"), Map.of("env", "canary"));
    LiveApiStage none = new LiveApiStage("prod", "d1", Map.of(), Optional.empty());
    assertThat(ops(desired("d1", Map.of(), Optional.of(canary)), none))
        .containsExactly(
            "replace /canarySettings/deploymentId d2",
            "replace /canarySettings/percentTraffic 10",
            "replace /canarySettings/stageVariableOverrides/env canary");

    LiveApiStage withCanary = new LiveApiStage("prod", "d1", Map.of(), Optional.of(canary));
    var changed = new ApiStage.StageCanary("d2", Percent.of("25.5"), Map.of());
    assertThat(ops(desired("d1", Map.of(), Optional.of(changed)), withCanary))
        .containsExactly(
            "replace /canarySettings/percentTraffic 25.5",
            "remove /canarySettings/stageVariableOverrides/env");

    assertThat(ops(desired("d2", Map.of(), Optional.empty()), withCanary))
        .as("promoting the canary is a plain deployment replace, never a 'copy' operation")
        .containsExactly("replace /deploymentId d2", "remove /canarySettings");
  }

  @Test
  void aCanaryPercentEqualToTheLiveOneWithDifferentScaleIsNotAChange() {
    var live =
        new ApiStage.StageCanary("d2", new Percent(new java.math.BigDecimal("10.0")), Map.of());
    var want = new ApiStage.StageCanary("d2", Percent.of("10"), Map.of());
    assertThat(
            ops(
                desired("d1", Map.of(), Optional.of(want)),
                new LiveApiStage("prod", "d1", Map.of(), Optional.of(live))))
        .isEmpty();
  }
}
