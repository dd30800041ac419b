package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.ChangeEvent;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.ResourceId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of change events: which queues the live commit names, whether they can be read,
 * and what their events concern (re-read by the drift sweep's check).
 */
final class ChangeEventDesk {
  private static final Logger log = LoggerFactory.getLogger(ChangeEventDesk.class);

  private final CommitManifests manifests;
  private final DriftSweep sweep;
  private final Predicate<String> acting;
  private final Map<String, String> errors = new ConcurrentHashMap<>();
  private volatile Map<String, Environment> queues = Map.of();

  ChangeEventDesk(CommitManifests manifests, DriftSweep sweep, Predicate<String> acting) {
    this.manifests = manifests;
    this.sweep = sweep;
    this.acting = acting;
  }

  /** See {@link Agent#changeEvents}. */
  int handle(Optional<Commit> live, String queueUrl, List<ChangeEvent> events) {
    if (live.isEmpty()) return 0;
    LoadResult load;
    try {
      load = manifests.of(live.get());
    } catch (GitException e) {
      log.warn("change events not handled: {}", e.getMessage());
      return 0;
    }
    if (!load.valid()) return 0;
    ChangeEventTargets.Targets t = ChangeEventTargets.of(load.state(), queueUrl, events, acting);
    Set<ResourceId> ids = t.ids();
    if (ids.isEmpty()) return 0;
    sweep.check(live.get(), ids, t.who());
    return ids.size();
  }

  Map<String, Environment> queues() {
    return queues;
  }

  /** The queues {@code state} (the live commit's declarations) names. */
  void follow(DesiredState state) {
    queues = ChangeEventTargets.queues(state, acting);
  }

  void reachable(String queueUrl, Optional<String> error) {
    if (error.isPresent()) errors.put("change-event queue " + queueUrl, error.get());
    else errors.remove("change-event queue " + queueUrl);
  }

  /** Queues that could not be read, with why (for the problems list). */
  Map<String, String> errors() {
    return Map.copyOf(errors);
  }
}
