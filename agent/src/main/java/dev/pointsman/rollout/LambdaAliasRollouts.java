package dev.pointsman.rollout;

import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.Percent;
import dev.pointsman.model.Routing;
import dev.pointsman.plan.Shaper;
import dev.pointsman.plan.rollout.RolloutMachine.Traffic;
import java.util.Objects;
import java.util.Optional;

/**
 * A new alias version with {@code spec.rollout}: the alias keeps pointing at the live (stable)
 * version and routes the step's weight to the new one, until the last step moves it all the way.
 */
public final class LambdaAliasRollouts implements Shaper<LambdaAlias, LambdaAliasObservation> {
  private final Rollouts rollouts;

  public LambdaAliasRollouts(Rollouts rollouts) {
    this.rollouts = rollouts;
  }

  @Override
  public Shaped<LambdaAlias> shape(
      Environment env, LambdaAlias d, LambdaAliasObservation observed) {
    if (d.rollout().isEmpty() || observed.alias().isEmpty() || d.awaitsPublish())
      return rollouts.none(env, d);
    LiveLambdaAlias live = observed.alias().get();
    boolean wrongBits =
        d.codeSha256().isPresent()
            && !d.codeSha256()
                .equals(observed.versionCodeSha256().getOrDefault(d.version(), Optional.empty()));
    if (wrongBits || LambdaAlias.LATEST.equals(live.version()))
      return Shaped.as(d); // the differ reports it / nothing stable to keep
    Optional<Percent> liveWeight =
        live.routing().filter(r -> r.version().equals(d.version())).map(Routing::weight);
    String hash = Integer.toHexString(Objects.hash(d.version(), d.rollout(), d.codeSha256()));
    Rollouts.Outcome o =
        rollouts.decide(env, d, d.rollout().get(), live.version(), d.version(), hash, liveWeight);
    LambdaAlias effective = d;
    if (o.traffic() instanceof Traffic.Stable) {
      effective = with(d, live.version(), Optional.empty());
    } else if (o.traffic() instanceof Traffic.Split split) {
      effective = with(d, live.version(), Optional.of(new Routing(d.version(), split.weight())));
    }
    return o.shaped(effective);
  }

  private static LambdaAlias with(LambdaAlias d, String version, Optional<Routing> routing) {
    return new LambdaAlias(
        d.environment(),
        d.metadataName(),
        d.functionName(),
        d.alias(),
        version,
        Optional.empty(),
        routing,
        d.rollout(),
        d.source(),
        d.publishedFrom(),
        d.hooks());
  }
}
