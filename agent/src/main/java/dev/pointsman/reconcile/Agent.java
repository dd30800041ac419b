package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Attribution;
import dev.pointsman.model.ChangeEvent;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.PassResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} does at each tick: follow the branch and apply each new commit whole, and sweep
 * for drift against the last applied commit. Decides; {@link Reporter} tells the world.
 */
public final class Agent {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final Settings settings;
  private final AgentParts parts;
  private final Reporter reporter;
  private final DriftSweep sweep;
  private final CommitManifests manifests;
  private final ReleaseGate gate;
  private final WarmUp warmUp;

  /** Passes run at once after one that applied some changes and deferred others to them. */
  static final int MAX_FOLLOW_UPS = 2;

  private final Map<String, String> queueErrors = new ConcurrentHashMap<>();
  private volatile Map<String, Environment> changeQueues = Map.of();
  private boolean warmed;
  private Set<ResourceId> liveDeclared;

  /** The live commit's declarations (once loaded): a new commit is scoped by what it changed. */
  private Optional<DesiredState> liveState = Optional.empty();

  private String handledSha;
  private Optional<Commit> live = Optional.empty();

  /** Where to look and what to act on. */
  public record Settings(String path, Set<String> environments, Clock clock) {}

  public Agent(Settings settings, AgentParts parts) {
    this.settings = settings;
    this.parts = parts;
    this.reporter = new Reporter(parts, settings.clock());
    this.manifests =
        new CommitManifests(parts.git(), parts.pass(), settings.path(), parts.metrics());
    this.gate =
        new ReleaseGate(
            parts.ledger(), parts.holds(), settings.clock(), () -> parts.rollouts().resources());
    this.sweep = new DriftSweep(settings, parts, manifests, reporter, gate);
    this.warmUp = new WarmUp(settings, parts, manifests);
    // After a restart the last applied commit is live already: re-applying it would silently undo
    // drift in environments that only report it.
    this.handledSha = parts.state().lastApplied().map(StateStore.AppliedCommit::sha).orElse(null);
  }

  /** One Git fetch, reported; empty when it failed. */
  private Optional<Commit> fetch() {
    Instant start = settings.clock().instant();
    try {
      Commit commit = parts.git().sync();
      reporter.gitFetch(Duration.between(start, settings.clock().instant()), Optional.empty());
      parts.status().seen(commit.sha(), commit.subject(), commit.time());
      return Optional.of(commit);
    } catch (GitException e) {
      reporter.gitFetch(
          Duration.between(start, settings.clock().instant()), Optional.of(e.getMessage()));
      return Optional.empty();
    }
  }

  /** One Git poll: when the followed commit is new (or did not settle), apply it. */
  public Optional<PassResult> syncCommit() {
    Instant start = settings.clock().instant();
    Optional<Commit> fetched = fetch();
    reporter.problems().update("queues", Map.copyOf(queueErrors));
    if (fetched.isEmpty()) return Optional.empty();
    Commit commit = fetched.get();
    if (commit.sha().equals(handledSha)) {
      warmUp();
      releaseHolds(commit);
      return Optional.empty();
    }
    PassResult result;
    try {
      result = pass(commit);
      // Publish then move: an alias named {publishedFrom} moves once its version exists.
      for (int i = 0; i < MAX_FOLLOW_UPS && result.progressedWithDeferrals(); i++) {
        reporter.commitPass(result, live);
        result = pass(commit);
      }
    } catch (GitException | RuntimeException e) {
      reporter.passFailed(
          commit, e instanceof RuntimeException r ? r : new IllegalStateException(e));
      return Optional.empty();
    }
    parts.metrics().reconcileTook("commit", Duration.between(start, settings.clock().instant()));
    reporter.commitPass(result, live);
    if (result.status() == PassResult.Status.REJECTED) {
      handledSha = commit.sha();
    } else if (result.settled()) {
      settled(result);
    }
    return Optional.of(result);
  }

  private PassResult pass(Commit commit) throws GitException {
    // A new commit on top of the live one: read and write only what it touched; the drift sweep
    // covers the rest on its own timer, so a promotion never waits behind the whole fleet.
    LoadResult loaded = manifests.of(commit);
    // The board shows what is being applied, also while a rollout keeps the commit from settling.
    if (loaded.valid()) reporter.declared(loaded.state(), this::acting);
    Optional<Pass.Scope> touched = Optional.empty();
    Optional<Commit> base = liveCommit();
    if (base.isPresent() && !base.get().sha().equals(commit.sha())) {
      Set<ResourceId> rolling = parts.rollouts().resources();
      Set<String> files = manifests.changedFiles(base.get().sha(), commit.sha());
      touched =
          Optional.of(
              loaded.valid()
                  ? DocumentScope.of(files, liveState, loaded.state(), rolling)
                  : new Pass.Scope(files, rolling));
    }
    return gated(parts.pass().evaluate(commit, loaded, settings.environments(), touched), commit);
  }

  /** Applies what the release policy allows; holds the rest; tells chat once of an override. */
  private PassResult gated(Evaluation evaluation, Commit commit) {
    ReleaseGate.Gated g = gate.apply(evaluation, commit);
    if (!g.overridden().isEmpty()) reporter.overridden(commit, g.overridden());
    return g.result();
  }

  /**
   * Changes of the live commit the release policy held: planned again (just those), and applied as
   * soon as the policy allows (a soak ended, a freeze is over). No new commit needed.
   */
  private void releaseHolds(Commit commit) {
    Set<ResourceId> held = gate.holds().keySet();
    if (held.isEmpty()) return;
    try {
      LoadResult loaded = manifests.of(commit);
      PassResult result =
          gated(
              parts
                  .pass()
                  .evaluate(
                      commit,
                      loaded,
                      settings.environments(),
                      Optional.of(new Pass.Scope(Set.of(), held))),
              commit);
      reporter.commitPass(result, live);
    } catch (GitException | RuntimeException e) {
      reporter.passFailed(
          commit, e instanceof RuntimeException r ? r : new IllegalStateException(e));
    }
  }

  /**
   * Readiness without writing: fetch Git, and check the account of every environment of the commit
   * followed (a read, cached by the account guard). A standby replica calls this at each poll, so
   * it is ready when it could take over; the leader at its first idle poll.
   */
  public void probe() {
    Optional<Commit> commit = fetch();
    if (commit.isEmpty()) return;
    warmUp.checkAccounts(commit.get());
  }

  /**
   * After a restart, the live commit's manifests are validated at the first idle poll, so that the
   * first promotion parses one file, not the whole repository; each environment's account is
   * checked, so that readiness reflects AWS before the first sweep; and one resource per kind and
   * account is read, so that clients and connections are ready for the first promotion.
   */
  private void warmUp() {
    if (warmed) return;
    warmed = true;
    liveCommit().ifPresent(warmUp::checkAccounts);
    liveCommit()
        .ifPresent(
            c -> {
              try {
                LoadResult load = manifests.of(c);
                DesiredState state = load.state();
                warmUp.readOnePerQuota(c, load);
                if (liveDeclared == null) liveDeclared = declared(state);
                liveState = Optional.of(state);
                changeQueues(state);
                reporter.declared(state, this::acting);
              } catch (GitException e) {
                log.warn("cannot read the live commit {}: {}", c.shortSha(), e.getMessage());
              }
            });
  }

  /** One whole drift sweep over the last applied commit, all slices at once. */
  public Optional<PassResult> sweepDrift() {
    Optional<Commit> commit = liveCommit();
    if (commit.isEmpty()) return Optional.empty();
    Optional<PassResult> result = sweep.run(commit.get());
    sweep.completedRound();
    result.ifPresent(r -> reporter.resources(r.failures(), r.covered()::contains));
    return result;
  }

  /**
   * The next slice of the drift sweep (starting a round if none is in progress), against the commit
   * live now. The loop calls this between pushes; the slice's reads give way as soon as {@code
   * pushWaiting} says a push arrived, so a promotion does not wait for the slice.
   */
  public void sweepStep(BooleanSupplier pushWaiting) {
    Optional<Commit> commit = liveCommit();
    if (commit.isEmpty()) return;
    try {
      sweep.step(commit.get(), pushWaiting);
    } catch (RuntimeException e) {
      sweep.abandon(); // the next round starts afresh rather than failing slice after slice
      throw e;
    }
    sweep
        .completedRound()
        .ifPresent(round -> reporter.resources(round.failures(), round.covered()::contains));
  }

  /**
   * Change events from queue {@code queueUrl}: the resources they concern, among those the live
   * commit declares in environments that name this queue, are re-read and their drift reported or
   * healed as the sweep would. Pointsman's own calls, reads, and calls in another Region or account
   * are dropped. Returns how many resources were re-read.
   */
  public int changeEvents(String queueUrl, List<ChangeEvent> events) {
    Optional<Commit> commit = liveCommit();
    if (commit.isEmpty()) return 0;
    LoadResult load;
    try {
      load = manifests.of(commit.get());
    } catch (GitException e) {
      log.warn("change events not handled: {}", e.getMessage());
      return 0;
    }
    if (!load.valid()) return 0;
    ChangeEventTargets.Targets t =
        ChangeEventTargets.of(load.state(), queueUrl, events, this::acting);
    Set<ResourceId> ids = t.ids();
    Map<ResourceId, Attribution> who = t.who();
    if (ids.isEmpty()) return 0;
    sweep.check(commit.get(), ids, who);
    return ids.size();
  }

  /**
   * The change-event queues the live commit names, with the environment each belongs to (kept up to
   * date by the loop; safe to read from any thread).
   */
  public Map<String, Environment> changeQueues() {
    return changeQueues;
  }

  private void changeQueues(DesiredState state) {
    changeQueues = ChangeEventTargets.queues(state, this::acting);
  }

  /** A change-event queue could be read, or not (reported as a problem once it persists). */
  public void queueReachable(String queueUrl, Optional<String> error) {
    if (error.isPresent()) queueErrors.put("change-event queue " + queueUrl, error.get());
    else queueErrors.remove("change-event queue " + queueUrl);
  }

  /** True while a drift sweep round has slices left. */
  public boolean sweeping() {
    return sweep.inProgress();
  }

  /** The commit applied last, if any (after a restart, the one the work dir recorded). */
  public Optional<Commit> live() {
    return liveCommit();
  }

  private void settled(PassResult result) {
    Commit c = result.commit();
    handledSha = c.sha();
    live = Optional.of(c);
    released(c);
    reporter.settled(result);
    Set<ResourceId> planned = new HashSet<>();
    result.plan().changes().forEach(ch -> planned.add(ch.id()));
    sweep.settled(c, planned);
    forgetUndeclared(c);
  }

  /**
   * Problems of resources the live commit no longer declares are over: nothing will look at those
   * keys again. Only looked for when resource problems are open (the declared set costs a walk of
   * the fleet).
   */
  private void forgetUndeclared(Commit c) {
    if (reporter.openResourceProblems().isEmpty()) return;
    Set<String> declared = new HashSet<>();
    try {
      for (EnvironmentManifests em : manifests.of(c).state().environments()) {
        declared.add(ResourceId.environment(em.environment().name()).toString());
        em.resources().forEach(r -> declared.add(r.id().toString()));
      }
    } catch (GitException e) {
      return; // the commit was just loaded; if it cannot be read now, the next settle tries again
    }
    reporter.forget(declared);
  }

  /**
   * Pointers the live commit declared and {@code c} does not are told once (left as they are live).
   * The declared set is kept from one settled commit to the next, so this costs a walk of the
   * commit just loaded, never a load of an older one.
   */
  private void released(Commit c) {
    Set<ResourceId> now;
    DesiredState state;
    try {
      state = manifests.of(c).state();
      now = declared(state);
    } catch (GitException e) {
      return;
    }
    changeQueues(state);
    reporter.declared(state, this::acting);
    if (liveDeclared != null) {
      List<ResourceId> gone = new ArrayList<>(new TreeSet<>(liveDeclared));
      gone.removeAll(now);
      reporter.released(c, gone);
    }
    liveDeclared = now;
    liveState = Optional.of(state);
    parts.holds().retain(now); // a hold of a pointer Git no longer declares is over
  }

  private boolean acting(String environment) {
    return settings.environments().isEmpty() || settings.environments().contains(environment);
  }

  private Set<ResourceId> declared(DesiredState state) {
    Set<ResourceId> ids = new HashSet<>();
    for (EnvironmentManifests em : state.environments()) {
      if (!settings.environments().isEmpty()
          && !settings.environments().contains(em.environment().name())) continue;
      em.resources().forEach(r -> ids.add(r.id()));
    }
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
}
