package dev.pointsman.drift;

import dev.pointsman.model.Attribution;
import dev.pointsman.model.ResourceId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns the drifts seen by each sweep into announcements: once when a drift appears, once when it
 * is resolved, nothing while it stays the same. Deduplicated on resource, field and values. The
 * open set is persisted, so a restart does not announce again what was already announced.
 */
public final class DriftTracker {
  private final DriftStore store;
  private final Clock clock;
  private final Map<String, OpenDrift> open = new LinkedHashMap<>();

  public DriftTracker(DriftStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    store.load().forEach(d -> open.put(d.drift().key(), d));
  }

  /**
   * Records one sweep over {@code environments}. {@code action} says what was done about each new
   * drift (reported, healed, heal deferred); {@code reason} why a vanished one is gone.
   */
  public synchronized List<DriftEvent> observe(
      Set<String> environments,
      Collection<Drift> current,
      String commit,
      Function<Drift, String> action,
      Function<OpenDrift, String> reason) {
    return observe(r -> environments.contains(r.environment()), current, commit, action, reason);
  }

  /**
   * Records a sweep over the resources {@code swept} accepts (one slice of a sliced sweep): open
   * drifts of those resources that were not seen again are resolved; others are left alone.
   */
  public synchronized List<DriftEvent> observe(
      Predicate<ResourceId> swept,
      Collection<Drift> current,
      String commit,
      Function<Drift, String> action,
      Function<OpenDrift, String> reason) {
    List<DriftEvent> events = new ArrayList<>();
    Map<String, Drift> seen = new LinkedHashMap<>();
    current.forEach(d -> seen.put(d.key(), d));
    for (OpenDrift o : List.copyOf(open.values())) {
      if (swept.test(o.drift().resource()) && !seen.containsKey(o.drift().key())) {
        open.remove(o.drift().key());
        events.add(new DriftEvent.Resolved(o, reason.apply(o)));
      }
    }
    for (Drift d : seen.values()) {
      if (!open.containsKey(d.key())) {
        OpenDrift o = new OpenDrift(d, commit, clock.instant(), action.apply(d));
        open.put(d.key(), o);
        events.add(new DriftEvent.Appeared(o));
      }
    }
    if (!events.isEmpty()) store.save(open.values());
    return events;
  }

  /**
   * The open drifts of {@code resources} are over (a commit just applied them); {@code reason} says
   * why.
   */
  public synchronized List<DriftEvent> resolve(
      Set<ResourceId> resources, Function<OpenDrift, String> reason) {
    List<DriftEvent> events = new ArrayList<>();
    for (OpenDrift o : List.copyOf(open.values())) {
      if (resources.contains(o.drift().resource())) {
        open.remove(o.drift().key());
        events.add(new DriftEvent.Resolved(o, reason.apply(o)));
      }
    }
    if (!events.isEmpty()) store.save(open.values());
    return events;
  }

  /**
   * Records who made {@code drift} (looked up after it was announced as appeared); returns the
   * drift as it is kept now.
   */
  public synchronized OpenDrift attribute(OpenDrift drift, Attribution who) {
    OpenDrift kept = open.get(drift.drift().key());
    if (kept == null) return drift.attributed(who); // resolved meanwhile: told as it was
    OpenDrift now = kept.attributed(who);
    open.put(drift.drift().key(), now);
    store.save(open.values());
    return now;
  }

  public synchronized List<OpenDrift> open() {
    return List.copyOf(open.values());
  }
}
