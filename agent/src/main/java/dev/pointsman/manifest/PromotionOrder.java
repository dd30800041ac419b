package dev.pointsman.manifest;

import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules across environments for {@code spec.promotion.from}: it names an environment of the same
 * commit, and following {@code from} never comes back to where it started.
 */
final class PromotionOrder {
  private PromotionOrder() {}

  static List<ManifestError> check(List<EnvironmentManifests> environments) {
    Map<String, Environment> byName = new HashMap<>();
    environments.forEach(em -> byName.put(em.environment().name(), em.environment()));
    List<ManifestError> errors = new ArrayList<>();
    for (EnvironmentManifests em : environments) {
      Environment env = em.environment();
      if (env.policy().from().isEmpty()) continue;
      String from = env.policy().from().get();
      if (!byName.containsKey(from)) {
        errors.add(
            error(
                env,
                "expected one of the environments "
                    + new TreeSet<>(byName.keySet())
                    + ", found "
                    + from
                    + ", which this commit does not declare"));
        continue;
      }
      Set<String> seen = new LinkedHashSet<>();
      seen.add(env.name());
      String at = from;
      while (at != null) {
        if (!seen.add(at)) {
          if (at.equals(env.name()))
            errors.add(
                error(
                    env,
                    "promotion order forms a cycle: " + String.join(" → ", seen) + " → " + at));
          break;
        }
        Environment next = byName.get(at);
        at = next == null ? null : next.policy().from().orElse(null);
      }
    }
    return errors;
  }

  private static ManifestError error(Environment env, String message) {
    return new ManifestError(
        env.source().file(), env.source().line(), "spec.promotion.from", message);
  }
}
