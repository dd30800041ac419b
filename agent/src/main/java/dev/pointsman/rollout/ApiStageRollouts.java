package dev.pointsman.rollout;

import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.model.Percent;
import dev.pointsman.plan.Shaper;
import dev.pointsman.plan.rollout.RolloutMachine.Traffic;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A new stage deployment with {@code spec.rollout}: the stage keeps its live deployment and sends
 * the step's share to the new one through canary settings, until the last step promotes it.
 */
public final class ApiStageRollouts implements Shaper<ApiStage, ApiStageObservation> {
  private final Rollouts rollouts;

  public ApiStageRollouts(Rollouts rollouts) {
    this.rollouts = rollouts;
  }

  @Override
  public Shaped<ApiStage> shape(Environment env, ApiStage d, ApiStageObservation observed) {
    if (d.rollout().isEmpty() || observed.stage().isEmpty()) return rollouts.none(env, d);
    LiveApiStage live = observed.stage().get();
    Optional<Percent> liveWeight =
        live.canary()
            .filter(c -> c.deploymentId().equals(d.deploymentId()))
            .map(ApiStage.StageCanary::percentTraffic);
    String hash = Integer.toHexString(Objects.hash(d.deploymentId(), d.rollout(), d.variables()));
    Rollouts.Outcome o =
        rollouts.decide(
            env, d, d.rollout().get(), live.deploymentId(), d.deploymentId(), hash, liveWeight);
    ApiStage effective = d;
    if (o.traffic() instanceof Traffic.Stable) {
      effective = with(d, live.deploymentId(), Optional.empty());
    } else if (o.traffic() instanceof Traffic.Split split) {
      effective =
          with(
              d,
              live.deploymentId(),
              Optional.of(new ApiStage.StageCanary(d.deploymentId(), split.weight(), Map.of())));
    }
    return o.shaped(effective);
  }

  private static ApiStage with(
      ApiStage d, String deployment, Optional<ApiStage.StageCanary> canary) {
    return new ApiStage(
        d.environment(),
        d.metadataName(),
        d.api(),
        d.stage(),
        deployment,
        d.variables(),
        canary,
        d.flushCacheOnChange(),
        d.lambdaPermissions(),
        d.references(),
        d.rollout(),
        d.source(),
        d.hooks());
  }
}
