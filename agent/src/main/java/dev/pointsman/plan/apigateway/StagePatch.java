package dev.pointsman.plan.apigateway;

import dev.pointsman.model.ApiStage;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.plan.MapDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact patch operations that turn a live stage into the desired one, for one UpdateStage call.
 * Pure; the differ and the applier both use it, so what the plan shows is what is sent.
 */
public final class StagePatch {
  private StagePatch() {}

  public static List<PatchOp> operations(ApiStage desired, LiveApiStage live) {
    List<PatchOp> ops = new ArrayList<>();
    if (!desired.deploymentId().equals(live.deploymentId())) {
      ops.add(PatchOp.replace("/deploymentId", desired.deploymentId()));
    }
    variables("/variables/", desired.variables(), live.variables(), ops);
    canary(desired.canary(), live.canary(), ops);
    return ops;
  }

  private static void canary(
      Optional<ApiStage.StageCanary> desired,
      Optional<ApiStage.StageCanary> live,
      List<PatchOp> ops) {
    if (desired.isEmpty()) {
      if (live.isPresent()) ops.add(PatchOp.remove("/canarySettings"));
      return;
    }
    ApiStage.StageCanary d = desired.get();
    Optional<ApiStage.StageCanary> l = live;
    if (l.map(ApiStage.StageCanary::deploymentId).filter(d.deploymentId()::equals).isEmpty()) {
      ops.add(PatchOp.replace("/canarySettings/deploymentId", d.deploymentId()));
    }
    if (l.map(ApiStage.StageCanary::percentTraffic).filter(d.percentTraffic()::equals).isEmpty()) {
      ops.add(
          PatchOp.replace(
              "/canarySettings/percentTraffic", d.percentTraffic().value().toPlainString()));
    }
    variables(
        "/canarySettings/stageVariableOverrides/",
        d.variables(),
        l.map(ApiStage.StageCanary::variables).orElse(Map.of()),
        ops);
  }

  private static void variables(
      String prefix, Map<String, String> desired, Map<String, String> live, List<PatchOp> ops) {
    for (MapDiff.Entry e : MapDiff.of(desired, live)) {
      String path = prefix + PatchOp.escape(e.key());
      ops.add(e.want().map(v -> PatchOp.replace(path, v)).orElseGet(() -> PatchOp.remove(path)));
    }
  }
}
