package dev.pointsman.reconcile;

import dev.pointsman.aws.CallLane;
import dev.pointsman.git.GitException;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.ChangeEvent;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.PassResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final WarmStart warmStart;
  private final ChangeEventDesk desk;
  private final CatchUp catchUp;
  private final LiveDeclarations declarations;
  private final Prefetch prefetch;

  /** Passes run at once after one that applied some changes and deferred others to them. */
  static final int MAX_FOLLOW_UPS = 2;

  private boolean warmed;

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
    this.desk = new ChangeEventDesk(manifests, sweep, this::acting);
    this.catchUp = new CatchUp(settings, parts);
    this.declarations = new LiveDeclarations(parts, reporter, desk, this::acting);
    // After a restart the last applied commit is live already: re-applying it would silently undo
    // drift in environments that only report it.
    this.handledSha = parts.state().lastApplied().map(StateStore.AppliedCommit::sha).orElse(null);
    this.warmStart = new WarmStart(parts, manifests, settings.clock());
    this.prefetch = new Prefetch(parts.git());
  }

  /** A push was announced; {@code busy}: the loop is in a slice (see {@link Prefetch}). */
  public void pushed(boolean busy) {
    prefetch.pushed(busy);
  }

  /** Stops its own threads (the warm start's, a push's fetch) once the loop has stopped. */
  public void stop(Duration within) {
    warmStart.stop(within);
    prefetch.close(within);
  }

  /** One Git fetch, reported; empty when it failed. */
  private Optional<Commit> fetch() {
    Instant start = settings.clock().instant();
    try {
      Commit commit = prefetch.sync();
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
    return syncCommit(() -> false);
  }

  /** One Git poll; the reads an idle poll makes give way once {@code pushWaiting} says so. */
  public Optional<PassResult> syncCommit(BooleanSupplier pushWaiting) {
    warmStart.polling(pushWaiting);
    try {
      Optional<PassResult> result = poll(pushWaiting);
      if (result.isPresent() || warmed || catchUp.active()) warmStart.polled();
      return result;
    } finally {
      warmStart.passing(false);
      warmStart.catchingUp(catchUp.active());
    }
  }

  private Optional<PassResult> poll(BooleanSupplier pushWaiting) {
    Instant start = settings.clock().instant();
    Optional<Commit> fetched = fetch();
    reporter.problems().update("queues", desk.errors());
    if (fetched.isEmpty()) return Optional.empty();
    Commit commit = fetched.get();
    if (commit.sha().equals(handledSha)) {
      if (!catchUp.active()) {
        warmUp(pushWaiting);
        releaseHolds(commit);
        if (!pushWaiting.getAsBoolean()) warmUp.tidyClone();
      }
      return Optional.empty();
    }
    warmStart.passing(true);
    PassResult result;
    Passed passed;
    try {
      passed = pass(commit);
      if (passed.result().isEmpty()) {
        handledSha = commit.sha(); // too wide to read at once: caught up between pushes
        return Optional.empty();
      }
      result = passed.result().get();
      // Publish then move: an alias named {publishedFrom} moves once its version exists.
      for (int i = 0; i < MAX_FOLLOW_UPS && result.progressedWithDeferrals(); i++) {
        reporter.commitPass(result, live);
        result = pass(commit).result().orElse(result);
      }
    } catch (GitException | RuntimeException e) {
      reporter.passFailed(
          commit, e instanceof RuntimeException r ? r : new IllegalStateException(e));
      return Optional.empty();
    }
    if (catchUp.active() && result.status() != PassResult.Status.REJECTED) {
      // Applied what it changed; the catch-up goes on against it and settles it when done.
      catchUp.retarget(commit, passed.loaded(), passed.covered(), passed.covered());
      handledSha = commit.sha();
    }
    return Optional.of(finish(commit, result, start));
  }

  /** Records a commit pass: rejected, settled (live), or to be passed again at the next poll. */
  private PassResult finish(Commit commit, PassResult result, Instant start) {
    parts.metrics().reconcileTook("commit", Duration.between(start, settings.clock().instant()));
    reporter.commitPass(result, live);
    if (result.status() == PassResult.Status.REJECTED) {
      handledSha = commit.sha();
    } else if (result.settled() && !catchUp.active()) {
      settled(result);
    }
    return result;
  }

  /** A pass: what it loaded, the resources it covers, and its result (none: a catch-up began). */
  private record Passed(LoadResult loaded, Set<ResourceId> covered, Optional<PassResult> result) {}

  private Passed pass(Commit commit) throws GitException {
    // A new commit on top of the live one (or of a catch-up's): read and write only what it
    // touched; the sweep covers the rest, so a promotion never waits behind the whole fleet.
    if (!catchUp.active()) declarations.recall(liveCommit(), commit, manifests);
    LoadResult loaded = manifests.of(commit);
    warmStart.prepareAside(commit, loaded);
    Optional<Pass.Scope> touched = Optional.empty();
    Optional<Commit> base = catchUp.active() ? Optional.of(catchUp.target()) : liveCommit();
    Optional<DesiredState> before =
        catchUp.active() ? Optional.of(catchUp.state()) : declarations.state();
    if (base.isPresent() && !base.get().sha().equals(commit.sha())) {
      Set<ResourceId> rolling = parts.rollouts().resources();
      Set<String> files = manifests.changedFiles(base.get().sha(), commit.sha());
      touched =
          Optional.of(
              loaded.valid()
                  ? DocumentScope.of(files, before, loaded.state(), rolling)
                  : new Pass.Scope(files, rolling));
    }
    Set<ResourceId> covered =
        loaded.valid() ? CatchUp.covered(loaded.state(), touched, this::acting) : Set.of();
    if (covered.size() > CatchUp.ABOVE) {
      if (catchUp.active()) catchUp.retarget(commit, loaded, Set.of(), covered);
      else catchUp.begin(commit, loaded, covered);
      reporter.declared(loaded.state(), this::acting);
      return new Passed(loaded, covered, Optional.empty());
    }
    PassResult result =
        gated(parts.pass().evaluate(commit, loaded, settings.environments(), touched), commit);
    // The board shows what is being applied, also while a rollout keeps the commit from settling
    // (after the writes: a walk of the fleet a promotion need not wait for).
    if (loaded.valid()) reporter.declared(loaded.state(), this::acting);
    return new Passed(loaded, covered, Optional.of(result));
  }

  /** True while a wide pass is being read in slices between pushes. */
  public boolean catchingUp() {
    return catchUp.active();
  }

  /**
   * The next slice of a catch-up (its reads give way once {@code pushWaiting} says so); once the
   * last is read, the whole plan is applied (if free of errors) and the commit recorded.
   */
  public void catchUpStep(BooleanSupplier pushWaiting) {
    if (!catchUp.active()) return;
    Commit commit = catchUp.target();
    Instant began = catchUp.began();
    try {
      Optional<Evaluation> read = catchUp.step(pushWaiting);
      if (read.isEmpty()) return;
      handledSha = null; // from here: rejected, settled, or passed again at the next poll
      PassResult result = gated(read.get(), commit);
      for (int i = 0; i < MAX_FOLLOW_UPS && result.progressedWithDeferrals(); i++) {
        reporter.commitPass(result, live);
        Set<ResourceId> moving = new HashSet<>();
        result.plan().pending().forEach(c -> moving.add(c.id()));
        LoadResult load = manifests.of(commit);
        result =
            gated(parts.pass().evaluate(commit, load, settings.environments(), moving), commit);
      }
      finish(commit, result, began);
    } catch (GitException | RuntimeException e) {
      catchUp.abandon();
      handledSha = null; // the next poll starts again
      reporter.passFailed(
          commit, e instanceof RuntimeException r ? r : new IllegalStateException(e));
    }
  }

  /** Applies what the release policy allows; holds the rest; tells chat once of an override. */
  private PassResult gated(Evaluation evaluation, Commit commit) {
    ReleaseGate.Gated g = gate.apply(evaluation, commit);
    if (!g.overridden().isEmpty()) reporter.overridden(commit, g.overridden());
    return g.result();
  }

  /**
   * Changes of the live commit the release policy held: planned again (just those), applied once
   * the policy allows (a soak ended, a freeze is over), with no new commit.
   */
  private void releaseHolds(Commit commit) {
    Set<ResourceId> held = gate.holds().keySet();
    if (held.isEmpty()) return;
    try {
      LoadResult loaded = manifests.of(commit);
      PassResult result =
          gated(parts.pass().evaluate(commit, loaded, settings.environments(), held), commit);
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
    warmUp.checkAccounts(commit.get()).ifPresent(l -> warmStart.prepareAside(commit.get(), l));
    warmStart.probed();
    warmUp.tidyClone();
  }

  /**
   * After a restart, the live commit's manifests are validated at the first idle poll, so that the
   * first promotion parses one file, not the whole repository; each environment's account is
   * checked, so that readiness reflects AWS before the first sweep; and one resource per kind and
   * account is read, so that clients and connections are ready for the first promotion.
   */
  private void warmUp(BooleanSupplier pushWaiting) {
    if (warmed) return;
    Optional<Commit> c = liveCommit();
    if (c.isEmpty()) return;
    LoadResult load;
    try {
      load = manifests.of(c.get());
    } catch (GitException e) {
      log.warn("cannot read the live commit {}: {}", c.get().shortSha(), e.getMessage());
      warmed = true;
      return;
    }
    declarations.known(load.state()); // once: later calls find the live declarations known
    warmStart.prepareAside(c.get(), load);
    // Reads that give way to a push: the warm-up is then tried again at the next idle poll.
    try (CallLane.Background lane = CallLane.background(pushWaiting)) {
      warmUp.checkAccounts(c.get());
      warmed = warmUp.readOnePerQuota(c.get(), load, pushWaiting) && !lane.yielded();
    }
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
   * The next slice of the drift sweep (a round begun if none is in progress) against the live
   * commit, between pushes: its reads give way once {@code pushWaiting} says a push arrived.
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
   * Change events from queue {@code queueUrl}: the resources they concern (those the live commit
   * declares in environments naming this queue) are re-read, their drift reported or healed as the
   * sweep would; Pointsman's own calls and calls elsewhere are dropped. Returns how many were read.
   */
  public int changeEvents(String queueUrl, List<ChangeEvent> events) {
    return desk.handle(liveCommit(), queueUrl, events);
  }

  /** The change-event queues the live commit names, with their environments (any thread). */
  public Map<String, Environment> changeQueues() {
    return desk.queues();
  }

  /** A change-event queue could be read, or not (reported as a problem once it persists). */
  public void queueReachable(String queueUrl, Optional<String> error) {
    desk.reachable(queueUrl, error);
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
    try {
      declarations.settled(c, manifests.of(c).state());
    } catch (GitException e) {
      log.warn("cannot read the settled commit {}: {}", c.shortSha(), e.getMessage());
    }
    reporter.settled(result);
    Set<ResourceId> planned = new HashSet<>();
    result.plan().changes().forEach(ch -> planned.add(ch.id()));
    sweep.settled(c, planned);
  }

  private boolean acting(String environment) {
    return settings.environments().isEmpty() || settings.environments().contains(environment);
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
