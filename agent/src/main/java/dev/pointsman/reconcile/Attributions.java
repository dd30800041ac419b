package dev.pointsman.reconcile;

import dev.pointsman.model.Attribution;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Who made the changes behind new drifts ({@code attributor}, e.g. CloudTrail), looked up on {@code
 * executor} so that a rate-limited lookup never holds up a promotion; drift messages are sent from
 * it in the order they were decided. The executor belongs to whoever made it.
 */
public record Attributions(Attributor attributor, Executor executor) {
  /** No lookups: drift messages are sent at once, without "who". */
  public static final Attributions NONE =
      new Attributions((env, resource, since) -> Optional.empty(), Runnable::run);

  /**
   * Who changed {@code id}: as {@code known} tells (a change event named the caller), else as the
   * attributor finds after {@code since} for the resource {@code desired} declares; may block.
   */
  Optional<Attribution> who(
      ResourceId id, DesiredState desired, Map<ResourceId, Attribution> known, Instant since) {
    Attribution told = known.get(id);
    if (told != null) return Optional.of(told);
    for (EnvironmentManifests em : desired.environments()) {
      if (!em.environment().name().equals(id.environment())) continue;
      for (DesiredResource r : em.resources()) {
        if (r.id().equals(id)) return attributor.who(em.environment(), r, since);
      }
    }
    return Optional.empty();
  }

  /** Who changed {@code resource} of {@code env} after {@code since}; may block. */
  @FunctionalInterface
  public interface Attributor {
    Optional<Attribution> who(Environment env, DesiredResource resource, Instant since);
  }
}
