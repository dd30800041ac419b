package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.drift.DriftEvent;
import dev.pointsman.drift.DriftTracker;
import dev.pointsman.drift.OpenDrift;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.model.Attribution;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notification;
import dev.pointsman.notify.Notifier;
import dev.pointsman.outcome.Outcome;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.outcome.ResourceOutcome;
import dev.pointsman.status.Health;
import dev.pointsman.status.History;
import dev.pointsman.status.StatusBoard;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place outcomes leave the agent: status, chat, metrics, the work dir's state and the
 * problems that recur. {@link Agent} and {@link DriftSweep} decide and return values; this fans
 * them out.
 */
final class Reporter {
  private static final Logger log = LoggerFactory.getLogger(Reporter.class);

  private final Notifier notifier;
  private final Messages messages;
  private final StatusBoard status;
  private final Metrics metrics;
  private final Health health;
  private final StateStore state;
  private final DriftTracker drifts;
  private final Clock clock;
  private final Problems problems;
  private final Map<String, String> heldAnnounced = new HashMap<>();
  private final Executor announcer;

  Reporter(AgentParts parts, Clock clock) {
    this.notifier = parts.notifier();
    this.messages = parts.messages();
    this.status = parts.status();
    this.metrics = parts.metrics();
    this.health = parts.health();
    this.state = parts.state();
    this.drifts = parts.drifts();
    this.clock = clock;
    this.problems = new Problems(parts.notifier(), parts.messages(), clock, status::problems);
    this.announcer = parts.attributions().executor();
  }

  Problems problems() {
    return problems;
  }

  /** The outcome of one Git fetch. */
  void gitFetch(Duration took, Optional<String> error) {
    metrics.gitFetchTook(took, error.isEmpty());
    if (error.isEmpty()) {
      health.gitSucceeded();
      problems.update("git", Map.of());
    } else {
      health.gitFailed(error.get());
      problems.update(
          "git", Map.of("git fetch", error.get() + "; the last good commit stays live"));
    }
  }

  /** A commit pass: status, chat for what was applied or rejected, metrics, resource problems. */
  void commitPass(PassResult result, Optional<Commit> live) {
    Commit c = result.commit();
    Instant now = clock.instant();
    status.record(result);
    // Changes that wait are no news: status shows them; chat hears when they are applied.
    List<ApplyResult> done = result.applied().stream().filter(a -> !a.deferred()).toList();
    if (!done.isEmpty()) {
      notifier.send(messages.applied(c, done, now));
      status
          .history()
          .record(new History.Applied(c.sha(), c.subject(), c.author(), now, changes(done)));
    }
    for (ApplyResult a : done) {
      metrics.changeApplied(
          a.change().id().kind(),
          a.change().id().environment(),
          a.outcome().name().toLowerCase(Locale.ROOT));
    }
    switch (result.status()) {
      case REJECTED -> {
        List<String> errors = result.rejections().stream().map(Object::toString).toList();
        status.rejected(errors);
        log.error(
            "commit {} rejected, nothing applied; last good commit stays live: {}\n  {}",
            c,
            live.map(Commit::shortSha).orElse("none"),
            String.join("\n  ", errors));
        notifier.send(messages.rejected(c, result.rejections(), now));
      }
      case CONVERGED, APPLIED -> {
        if (!result.settled())
          log.info("commit {}: rollout in progress; next check at the next poll", c);
      }
      case PENDING ->
          log.info(
              result.progressedWithDeferrals()
                  ? "commit {}: changes wait for ones just applied; planning again at once"
                  : "commit {}: changes wait (see status); retrying at the next poll",
              c);
      case PLAN_FAILED, PARTIALLY_APPLIED ->
          log.warn("commit {} not fully applied; retrying at the next poll", c);
    }
    held(result);
    // The pass ran to its end: a "pass failed" problem of an earlier attempt is over.
    problems.update("commit", Map.of());
    // A scoped pass looked at the resources it planned only: problems elsewhere stay open.
    resources(result.failures(), result.covered()::contains);
  }

  /**
   * Held changes (AppConfig rolled a deployment back, say) are told to chat once each; a hold that
   * is over is forgotten, so a later one is told again.
   */
  private void held(PassResult result) {
    for (ResourceOutcome o : result.outcomes()) {
      String key = o.id().toString();
      if (o.outcome() == Outcome.HELD) {
        // Told once while it stays held, however its reason reads meanwhile (a soak's progress).
        if (heldAnnounced.put(key, o.detail()) == null)
          notifier.send(messages.held(o.id(), o.detail(), clock.instant()));
      } else {
        heldAnnounced.remove(key);
      }
    }
  }

  private static List<History.Change> changes(List<ApplyResult> done) {
    return done.stream()
        .map(
            a ->
                new History.Change(
                    a.change().id().environment(),
                    a.change().id().kind(),
                    a.change().id().name(),
                    (a.failed() ? "FAILED: " : "") + a.change().summary()))
        .toList();
  }

  private DesiredState lastDeclared;

  /** The pointers the live commit declares, for the board. */
  void declared(DesiredState state, Predicate<String> environment) {
    if (state == lastDeclared) return; // a pass and its settling declare the same commit
    lastDeclared = state;
    List<EnvironmentManifests> shown = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (EnvironmentManifests em : state.environments()) {
      if (!environment.test(em.environment().name())) continue;
      shown.add(em);
      order.add(em.environment().name());
    }
    // Listed when the board or the status API first asks: a promotion does not walk the fleet.
    status.declare(
        () -> {
          List<StatusBoard.Pointer> pointers = new ArrayList<>();
          for (EnvironmentManifests em : shown)
            for (DesiredResource r : em.resources())
              pointers.add(
                  new StatusBoard.Pointer(r.id(), r.metadataName(), r.group(), r.target()));
          return pointers;
        },
        BoardOrder.environments(state, order));
  }

  /** A commit's override trailer let {@code changes} through the release policy: told once. */
  void overridden(Commit commit, List<String> changes) {
    log.warn(
        "commit {} overrides the release policy ({}): {}",
        commit,
        commit.override().orElse(""),
        changes);
    notifier.send(messages.overridden(commit, changes, clock.instant()));
  }

  /** A commit is live: recorded in the work dir, status and metrics. */
  void settled(PassResult result) {
    Commit c = result.commit();
    Instant now = clock.instant();
    status.rejected(List.of());
    try {
      state.recordApplied(new StateStore.AppliedCommit(c.sha(), c.subject(), now));
    } catch (IOException e) {
      log.warn("cannot record the applied commit in the work dir: {}", e.getMessage());
    }
    status.applied(c.sha(), c.subject(), now);
    metrics.appliedCommitAt(now);
    log.info(
        result.applied().isEmpty()
            ? "commit {} is live; every pointer in sync"
            : "commit {} applied",
        c);
  }

  /** Pointers {@code commit} stopped declaring: told once, dropped from status, left as live. */
  void released(Commit commit, List<ResourceId> ids) {
    if (ids.isEmpty()) return;
    log.info("commit {}: no longer managed, left as they are live: {}", commit, ids);
    status.forget(ids);
    notifier.send(messages.released(commit, ids, clock.instant()));
  }

  /** A pass over a commit threw: announced once it persists, resolved by the next full pass. */
  void passFailed(Commit commit, RuntimeException e) {
    problems.update("commit", Map.of("commit " + commit.shortSha(), "pass failed: " + e));
  }

  /** One slice of a drift sweep: status; its drift events were announced as they happened. */
  void sweepSlice(PassResult result) {
    status.record(result);
    held(result);
  }

  /** Resource problems among the keys {@code covered} accepts. */
  void resources(Map<String, String> failures, Predicate<String> covered) {
    problems.update("resources", failures, covered);
  }

  /** Problems of resources no longer declared are over. */
  void forget(Set<String> declared) {
    problems.update("resources", Map.of(), key -> !declared.contains(key));
  }

  Set<String> openResourceProblems() {
    return problems.open("resources");
  }

  void drift(List<DriftEvent> events) {
    drift(events, o -> Optional.empty());
  }

  /**
   * Announces drift events; for one that appeared, {@code who} is asked first (off the loop, on the
   * attribution executor, which keeps the messages in order) and the answer is kept with the drift.
   */
  void drift(List<DriftEvent> events, Function<OpenDrift, Optional<Attribution>> who) {
    Instant now = clock.instant();
    metrics.openDrifts(drifts.open().size());
    for (DriftEvent e : events) {
      announcer.execute(
          () -> {
            DriftEvent told = e;
            if (e instanceof DriftEvent.Appeared a) {
              Optional<Attribution> found = safely(() -> who.apply(a.open()));
              if (found.isPresent()) {
                told = new DriftEvent.Appeared(drifts.attribute(a.open(), found.get()));
                metrics.driftAttributed(found.get().known());
              }
            }
            status.touched();
            Notification message = messages.drift(told, now);
            log.info("{}", message.title());
            notifier.send(message);
          });
    }
  }

  private static Optional<Attribution> safely(Supplier<Optional<Attribution>> lookup) {
    try {
      return lookup.get();
    } catch (RuntimeException e) {
      log.warn("drift attribution failed: {}", e.toString());
      return Optional.of(Attribution.unknown("lookup failed: " + e.getClass().getSimpleName()));
    }
  }
}
