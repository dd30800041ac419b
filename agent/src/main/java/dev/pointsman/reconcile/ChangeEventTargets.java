package dev.pointsman.reconcile;

import dev.pointsman.model.Attribution;
import dev.pointsman.model.ChangeEvent;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Which declared resources change events concern, and which queues a commit names. Pure. */
final class ChangeEventTargets {
  private ChangeEventTargets() {}

  /** The resources to re-read, and who changed each (the newest event's principal). */
  record Targets(Set<ResourceId> ids, Map<ResourceId, Attribution> who) {}

  /**
   * Events from {@code queueUrl} mapped to the resources of the environments that name it;
   * Pointsman's own calls, reads and calls in another Region or account are dropped.
   */
  static Targets of(
      DesiredState state, String queueUrl, List<ChangeEvent> events, Predicate<String> acting) {
    Set<ResourceId> ids = new HashSet<>();
    Map<ResourceId, Attribution> who = new HashMap<>();
    for (EnvironmentManifests em : state.environments()) {
      Environment env = em.environment();
      if (!acting.test(env.name())) continue;
      if (!env.changeEventsQueue().map(queueUrl::equals).orElse(false)) continue;
      for (ChangeEvent e : events) {
        if (e.byPointsman() || !e.writes()) continue;
        if (!e.region().isEmpty() && !e.region().equals(env.region())) continue;
        if (!e.account().isEmpty() && !e.account().equals(env.accountId())) continue;
        for (DesiredResource r : em.resources()) {
          if (!r.concerns(e)) continue;
          ids.add(r.id());
          who.merge(
              r.id(),
              e.who(),
              (a, b) -> b.time().orElse(Instant.MIN).isAfter(a.time().orElse(Instant.MIN)) ? b : a);
        }
      }
    }
    return new Targets(ids, who);
  }

  /** The change-event queues of {@code state}, with the (first) environment naming each. */
  static Map<String, Environment> queues(DesiredState state, Predicate<String> acting) {
    Map<String, Environment> queues = new HashMap<>();
    for (EnvironmentManifests em : state.environments()) {
      Environment env = em.environment();
      if (!acting.test(env.name())) continue;
      env.changeEventsQueue().ifPresent(q -> queues.putIfAbsent(q, env));
    }
    return Map.copyOf(queues);
  }
}
