package dev.pointsman.kinds;

import dev.pointsman.hooks.HookSubject;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.Hooks;
import dev.pointsman.model.LiveApiStage;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hooks of an API Gateway stage: the artifact is a deployment (primary or canary). */
final class ApiStageHooks implements HookSubject<ApiStage, ApiStageObservation> {
  @Override
  public Optional<Hooks> hooks(ApiStage d) {
    return d.hooks();
  }

  @Override
  public Set<String> serving(ApiStageObservation o) {
    Set<String> s = new HashSet<>();
    o.stage()
        .ifPresent(
            st -> {
              s.add(st.deploymentId());
              st.canary().map(ApiStage.StageCanary::deploymentId).ifPresent(s::add);
            });
    return s;
  }

  @Override
  public Optional<String> live(ApiStageObservation o) {
    return o.stage().map(LiveApiStage::deploymentId);
  }

  @Override
  public String target(ApiStage d) {
    return d.canary().map(ApiStage.StageCanary::deploymentId).orElse(d.deploymentId());
  }

  @Override
  public boolean allTraffic(ApiStage d) {
    return d.canary().isEmpty();
  }

  @Override
  public Map<String, String> pointer(ApiStage d) {
    return Map.of("restApi", d.api().toString(), "stage", d.stage());
  }

  @Override
  public Optional<ApiStage> rollback(ApiStage d, ApiStageObservation o) {
    return o.stage()
        .map(
            st ->
                new ApiStage(
                    d.environment(),
                    d.metadataName(),
                    d.api(),
                    d.stage(),
                    st.deploymentId(),
                    st.variables(),
                    st.canary(),
                    false,
                    d.lambdaPermissions(),
                    d.references(),
                    Optional.empty(),
                    d.source(),
                    d.hooks()));
  }
}
