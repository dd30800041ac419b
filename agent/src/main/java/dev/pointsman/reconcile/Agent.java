package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.drift.DriftTracker;
import dev.pointsman.drift.HealGate;
import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.model.Commit;
import dev.pointsman.model.ResourceId;
import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notifier;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.plan.PlanError;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.status.Health;
import dev.pointsman.status.StatusBoard;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} does at each tick: follow the branch and apply each new commit whole, and sweep
 * for drift against the last applied commit. Reports to logs, chat, status and metrics.
 */
public final class Agent {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final Settings settings;
  private final Parts parts;
  private final Problems problems;
  private final DriftSweep sweep;
  private final CommitManifests manifests;
  private boolean warmed;
  private String handledSha;
  private Optional<Commit> live = Optional.empty();

  /** Where to look and what to act on. */
  public record Settings(String path, Set<String> environments, Clock clock) {}

  /** Collaborators. */
  public record Parts(
      GitSource git,
      Pass pass,
      StateStore state,
      DriftTracker drifts,
      HealGate heal,
      Notifier notifier,
      Messages messages,
      StatusBoard status,
      Metrics metrics,
      Health health,
      RolloutStore rollouts) {}

  public Agent(Settings settings, Parts parts) {
    this.settings = settings;
    this.parts = parts;
    this.problems = new Problems(parts.notifier(), parts.messages(), settings.clock());
    this.manifests =
        new CommitManifests(parts.git(), parts.pass(), settings.path(), parts.metrics());
    this.sweep = new DriftSweep(settings, parts, manifests);
    // After a restart the last applied commit is live already: re-applying it would silently undo
    // drift in environments that only report it.
    this.handledSha = parts.state().lastApplied().map(StateStore.AppliedCommit::sha).orElse(null);
  }

  /** One Git poll: when the followed commit is new (or did not settle), apply it. */
  public Optional<PassResult> syncCommit() {
    Instant start = settings.clock().instant();
    Commit commit;
    try {
      commit = parts.git().sync();
      parts.metrics().gitFetchTook(Duration.between(start, settings.clock().instant()), true);
      parts.health().gitSucceeded();
      problems.update("git", Map.of());
    } catch (GitException e) {
      parts.metrics().gitFetchTook(Duration.between(start, settings.clock().instant()), false);
      parts.health().gitFailed(e.getMessage());
      problems.update(
          "git", Map.of("git fetch", e.getMessage() + "; the last good commit stays live"));
      return Optional.empty();
    }
    parts.status().seen(commit.sha(), commit.subject(), commit.time());
    if (commit.sha().equals(handledSha)) {
      warmUp();
      return Optional.empty();
    }
    try {
      // A new commit on top of the live one: read and write only what it touched; the drift sweep
      // covers the rest on its own timer, so a promotion never waits behind the whole fleet.
      LoadResult loaded = manifests.of(commit);
      Optional<Pass.Scope> touched = Optional.empty();
      Optional<Commit> base = liveCommit();
      if (base.isPresent() && !base.get().sha().equals(commit.sha())) {
        Set<ResourceId> rolling = parts.rollouts().resources();
        Set<String> files = manifests.changedFiles(base.get().sha(), commit.sha());
        touched = Optional.of(new Pass.Scope(files, rolling));
      }
      Pass.Evaluation evaluation =
          parts.pass().evaluate(commit, loaded, settings.environments(), touched);
      PassResult result = evaluation.applyAll();
      parts.metrics().reconcileTook("commit", Duration.between(start, settings.clock().instant()));
      report(result);
      return Optional.of(result);
    } catch (GitException | RuntimeException e) {
      problems.update("commit", Map.of("commit " + commit.shortSha(), "pass failed: " + e));
      return Optional.empty();
    }
  }

  /**
   * After a restart, the live commit's manifests are validated at the first idle poll, so that the
   * first promotion parses one file, not the whole repository.
   */
  private void warmUp() {
    if (warmed) return;
    warmed = true;
    Optional<Commit> c = liveCommit();
    if (c.isEmpty()) return;
    try {
      manifests.of(c.get());
    } catch (GitException e) {
      log.warn("cannot read the live commit {}: {}", c.get().shortSha(), e.getMessage());
    }
  }

  /** One whole drift sweep over the last applied commit, all slices at once. */
  public Optional<PassResult> sweepDrift() {
    Optional<Commit> commit = liveCommit();
    if (commit.isEmpty()) return Optional.empty();
    Optional<PassResult> result = sweep.run(commit.get());
    sweep.completedRound();
    result.ifPresent(r -> problems.update("resources", failures(r), covered(r)::contains));
    return result;
  }

  /**
   * The next slice of the drift sweep (starting a round if none is in progress), against the commit
   * live now. The loop calls this between pushes, so a promotion waits for one slice at most.
   */
  public void sweepStep() {
    Optional<Commit> commit = liveCommit();
    if (commit.isEmpty()) return;
    try {
      sweep.step(commit.get());
    } catch (RuntimeException e) {
      sweep.abandon(); // the next round starts afresh rather than failing slice after slice
      throw e;
    }
    sweep
        .completedRound()
        .ifPresent(
            round -> problems.update("resources", round.failures(), round.covered()::contains));
  }

  /** True while a drift sweep round has slices left. */
  public boolean sweeping() {
    return sweep.inProgress();
  }

  private void report(PassResult result) {
    Commit c = result.commit();
    parts.status().record(result);
    if (!result.applied().isEmpty()) {
      parts
          .notifier()
          .send(parts.messages().applied(c, result.applied(), settings.clock().instant()));
    }
    result
        .applied()
        .forEach(
            a ->
                parts
                    .metrics()
                    .changeApplied(
                        a.change().id().kind(),
                        a.change().id().environment(),
                        a.outcome().name().toLowerCase(Locale.ROOT)));
    switch (result.status()) {
      case REJECTED -> {
        handledSha = c.sha();
        List<String> errors = result.rejections().stream().map(Object::toString).toList();
        parts.status().rejected(errors);
        log.error(
            "commit {} rejected, nothing applied; last good commit stays live: {}\n  {}",
            c,
            live.map(Commit::shortSha).orElse("none"),
            String.join("\n  ", errors));
        parts
            .notifier()
            .send(parts.messages().rejected(c, result.rejections(), settings.clock().instant()));
      }
      case CONVERGED, APPLIED -> {
        if (result.settled()) {
          settled(result);
        } else {
          log.info("commit {}: rollout in progress; next check at the next poll", c);
        }
      }
      case PLAN_FAILED, PARTIALLY_APPLIED, PENDING ->
          log.warn("commit {} not fully applied; retrying at the next poll", c);
    }
    // A scoped pass looked at the resources it planned only: problems elsewhere stay open.
    problems.update("resources", failures(result), covered(result)::contains);
  }

  /** Keys (resource ids) of everything a pass planned, failed or not. */
  static Set<String> covered(PassResult result) {
    Set<String> keys = new HashSet<>();
    result.plan().changes().forEach(c -> keys.add(c.id().toString()));
    result.plan().errors().forEach(e -> keys.add(e.id().toString()));
    return keys;
  }

  private void settled(PassResult result) {
    Commit c = result.commit();
    handledSha = c.sha();
    live = Optional.of(c);
    parts.status().rejected(List.of());
    Instant now = settings.clock().instant();
    try {
      parts.state().recordApplied(new StateStore.AppliedCommit(c.sha(), c.subject(), now));
    } catch (IOException e) {
      log.warn("cannot record the applied commit in the work dir: {}", e.getMessage());
    }
    parts.status().applied(c.sha(), c.subject(), now);
    parts.metrics().appliedCommitAt(now);
    log.info(
        result.applied().isEmpty()
            ? "commit {} is live; every pointer in sync"
            : "commit {} applied",
        c);
    sweep.settled(c, planned(result));
    forgetUndeclared(c);
  }

  /**
   * Problems of resources the live commit no longer declares are over: nothing will look at those
   * keys again. Only looked for when resource problems are open (the declared set costs a walk of
   * the fleet).
   */
  private void forgetUndeclared(Commit c) {
    Set<String> open = problems.open("resources");
    if (open.isEmpty()) return;
    Set<String> declared = new HashSet<>();
    try {
      for (var em : manifests.of(c).state().environments()) {
        String env = em.environment().name();
        declared.add(ResourceId.environment(env).toString());
        em.resources().forEach(r -> declared.add(r.id().toString()));
      }
    } catch (GitException e) {
      return; // the commit was just loaded; if it cannot be read now, the next settle tries again
    }
    problems.update("resources", Map.of(), key -> !declared.contains(key));
  }

  private static Set<ResourceId> planned(PassResult result) {
    Set<ResourceId> ids = new HashSet<>();
    result.plan().changes().forEach(ch -> ids.add(ch.id()));
    return ids;
  }

  private Optional<Commit> liveCommit() {
    if (live.isPresent()) return live;
    Optional<StateStore.AppliedCommit> recorded = parts.state().lastApplied();
    if (recorded.isEmpty()) return Optional.empty();
    try {
      live = Optional.of(parts.git().commit(recorded.get().sha()));
    } catch (GitException e) {
      log.warn(
          "last applied commit {} is not in the clone: {}", recorded.get().sha(), e.getMessage());
    }
    return live;
  }

  static Map<String, String> failures(PassResult result) {
    Map<String, String> failures = new LinkedHashMap<>();
    for (PlanError e : result.plan().errors()) failures.put(e.id().toString(), e.message());
    for (ApplyResult a : result.applied()) {
      if (a.failed()) failures.put(a.change().id().toString(), a.detail());
    }
    return failures;
  }
}
