package dev.pointsman.kinds;

import dev.pointsman.hooks.HookSubject;
import dev.pointsman.model.Hooks;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.Routing;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hooks of a Lambda alias: the artifact is a published version, invokable by its number. */
final class LambdaAliasHooks implements HookSubject<LambdaAlias, LambdaAliasObservation> {
  @Override
  public Optional<Hooks> hooks(LambdaAlias d) {
    return d.hooks();
  }

  @Override
  public Set<String> serving(LambdaAliasObservation o) {
    Set<String> s = new HashSet<>();
    o.alias()
        .ifPresent(
            a -> {
              s.add(a.version());
              a.routing().map(Routing::version).ifPresent(s::add);
            });
    return s;
  }

  @Override
  public Optional<String> live(LambdaAliasObservation o) {
    return o.alias().map(LiveLambdaAlias::version);
  }

  @Override
  public String target(LambdaAlias d) {
    return d.routing().map(Routing::version).orElse(d.version());
  }

  @Override
  public boolean allTraffic(LambdaAlias d) {
    return d.routing().isEmpty();
  }

  @Override
  public Map<String, String> pointer(LambdaAlias d) {
    return Map.of("function", d.functionName(), "alias", d.alias());
  }

  @Override
  public Optional<LambdaAlias> rollback(LambdaAlias d, LambdaAliasObservation o) {
    return o.alias()
        .map(
            a ->
                new LambdaAlias(
                    d.environment(),
                    d.metadataName(),
                    d.functionName(),
                    d.alias(),
                    a.version(),
                    Optional.empty(),
                    a.routing(),
                    Optional.empty(),
                    d.source(),
                    Optional.empty(),
                    d.hooks()));
  }
}
