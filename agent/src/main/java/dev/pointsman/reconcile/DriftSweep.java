package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.aws.CallLane;
import dev.pointsman.drift.Drift;
import dev.pointsman.drift.OpenDrift;
import dev.pointsman.git.GitException;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Attribution;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.Outcome;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.outcome.ResourceOutcome;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares live state with the last applied commit. Every differing owned field is a drift; in
 * environments with {@code drift: heal} the resource is put back, at most once per minimum gap.
 *
 * <p>A sweep round is cut into small slices along read groups (a function's aliases, an API's
 * stages, ten services of a cluster), so slicing costs no extra call. The loop runs one slice at a
 * time and looks at pushes in between: a promotion waits for at most one slice, never for the
 * fleet. Each slice is compared with the commit that is live when it runs.
 */
final class DriftSweep {
  private static final Logger log = LoggerFactory.getLogger(DriftSweep.class);

  /** Read groups per slice: a handful of read calls, well under a second at the tightest quota. */
  static final int SLICE_GROUPS = 4;

  /** How often in a row one slice gives way to pushes before it runs regardless. */
  static final int MAX_YIELDS = 3;

  private int yieldsInARow;

  private final Agent.Settings settings;
  private final AgentParts parts;
  private final CommitManifests manifests;
  private final Reporter reporter;
  private final ReleaseGate gate;
  private final Set<ResourceId> healed = new HashSet<>();
  private final Deque<Set<ResourceId>> slices = new ArrayDeque<>();
  private Instant roundStart;
  private int roundSlices;
  private int roundResources;
  private final Map<String, String> roundFailures = new LinkedHashMap<>();
  private final Set<String> roundCovered = new HashSet<>();
  private Round completed;

  /** What a complete round found failing (by resource id), and every resource id it looked at. */
  record Round(Map<String, String> failures, Set<String> covered) {}

  DriftSweep(
      Agent.Settings settings,
      AgentParts parts,
      CommitManifests manifests,
      Reporter reporter,
      ReleaseGate gate) {
    this.gate = gate;
    this.settings = settings;
    this.parts = parts;
    this.manifests = manifests;
    this.reporter = reporter;
  }

  /** True between the first and the last slice of a round. */
  boolean inProgress() {
    return !slices.isEmpty();
  }

  /** Drops the rest of the current round. */
  void abandon() {
    slices.clear();
    roundFailures.clear();
    roundCovered.clear();
  }

  /** A whole round at once: every slice against {@code commit}. */
  Optional<PassResult> run(Commit commit) {
    Optional<PassResult> total = Optional.empty();
    do {
      Optional<PassResult> one = step(commit, () -> false);
      if (one.isEmpty()) return total;
      total = Optional.of(total.map(t -> t.merge(one.get())).orElse(one.get()));
    } while (inProgress());
    return total;
  }

  /**
   * The next slice of the current round (starting a round when none is in progress). Its reads give
   * way once {@code pushWaiting} says so: the slice is put back, unjudged, and read again at the
   * next step (empty result), so a push never waits for it. A slice gives way at most {@link
   * #MAX_YIELDS} times in a row, then runs to the end: pushes in a stream never starve the sweep.
   */
  Optional<PassResult> step(Commit commit, BooleanSupplier pushWaiting) {
    LoadResult load;
    try {
      load = manifests.of(commit);
    } catch (GitException e) {
      log.warn("drift sweep skipped: {}", e.getMessage());
      slices.clear();
      return Optional.empty();
    }
    if (!load.valid()) {
      slices.clear();
      return Optional.empty();
    }
    if (slices.isEmpty()) begin(commit, load.state());
    Set<ResourceId> slice = slices.isEmpty() ? Set.of() : slices.poll();
    BooleanSupplier giveWay = yieldsInARow < MAX_YIELDS ? pushWaiting : () -> false;
    Optional<PassResult> swept = sweep(commit, load, slice, Map.of(), giveWay);
    if (swept.isEmpty()) {
      slices.addFirst(slice);
      yieldsInARow++;
      parts.metrics().sweepYielded();
      return Optional.empty();
    }
    yieldsInARow = 0;
    PassResult result = swept.get();
    roundFailures.putAll(result.failures());
    roundCovered.addAll(result.covered());
    if (slices.isEmpty()) {
      completed = new Round(Map.copyOf(roundFailures), Set.copyOf(roundCovered));
      roundFailures.clear();
      roundCovered.clear();
      Duration took = Duration.between(roundStart, settings.clock().instant());
      parts.metrics().sweepRound(took, roundSlices, roundResources);
      log.info(
          "drift sweep: {} resources compared in {} slices, {} ms",
          roundResources,
          roundSlices,
          took.toMillis());
    }
    return Optional.of(result);
  }

  /**
   * Failures found by the round that the last {@link #step} completed (resources that could not be
   * read or healed), once; empty while a round is in progress.
   */
  Optional<Round> completedRound() {
    Optional<Round> done = Optional.ofNullable(completed);
    completed = null;
    return done;
  }

  private void begin(Commit commit, DesiredState state) {
    roundStart = settings.clock().instant();
    roundFailures.clear();
    roundCovered.clear();
    List<Set<ResourceId>> planned = SweepSlices.slices(swept(state), SLICE_GROUPS);
    slices.addAll(planned);
    roundSlices = planned.size();
    roundResources = planned.stream().mapToInt(Set::size).sum();
    // Drifts of resources no longer declared in Git are over.
    Set<ResourceId> declared = new HashSet<>();
    planned.forEach(declared::addAll);
    Set<String> envs = environments(state);
    reporter.drift(
        parts
            .drifts()
            .observe(
                r -> envs.contains(r.environment()) && !declared.contains(r),
                List.of(),
                commit.sha(),
                d -> "",
                o -> "no longer declared in Git"));
  }

  private List<EnvironmentManifests> swept(DesiredState state) {
    return state.environments().stream()
        .filter(
            em ->
                settings.environments().isEmpty()
                    || settings.environments().contains(em.environment().name()))
        .toList();
  }

  private Set<String> environments(DesiredState state) {
    Set<String> names = new HashSet<>();
    swept(state).forEach(em -> names.add(em.environment().name()));
    return names;
  }

  /**
   * Re-reads just {@code resources} (a change event named them) and reports or heals their drift as
   * a slice would; {@code known} says who made the change, so no lookup is needed.
   */
  Optional<PassResult> check(
      Commit commit, Set<ResourceId> resources, Map<ResourceId, Attribution> known) {
    LoadResult load;
    try {
      load = manifests.of(commit);
    } catch (GitException e) {
      log.warn("change events not checked: {}", e.getMessage());
      return Optional.empty();
    }
    if (!load.valid() || resources.isEmpty()) return Optional.empty();
    return sweep(commit, load, resources, known, () -> false);
  }

  /**
   * Reads {@code slice} in the background lane (pushes go first for every rate limit) and judges
   * it; empty when its reads gave way to a push (nothing judged: it is read again later).
   */
  private Optional<PassResult> sweep(
      Commit commit,
      LoadResult load,
      Set<ResourceId> slice,
      Map<ResourceId, Attribution> known,
      BooleanSupplier giveWay) {
    try (CallLane.Background lane = CallLane.background(giveWay)) {
      Evaluation evaluation = parts.pass().evaluate(commit, load, settings.environments(), slice);
      if (lane.yielded()) return Optional.empty();
      lane.stopYielding(); // heals, once decided, are not cut short
      return Optional.of(judge(commit, slice, known, evaluation));
    }
  }

  /**
   * Judges one slice planned against {@code commit} (its {@code evaluation}) and decides per
   * resource: converged, held by a rollout, drift reported, heal deferred, healed or heal failed
   * (or failed to read). Heals what the environment's policy and the minimum gap allow; announces
   * what appeared or went away.
   */
  private PassResult judge(
      Commit commit,
      Set<ResourceId> slice,
      Map<ResourceId, Attribution> known,
      Evaluation evaluation) {
    if (!evaluation.load().valid()) return evaluation.result(List.of());
    Map<String, DriftPolicy> policies = new HashMap<>();
    Map<String, Environment> envs = new HashMap<>();
    evaluation.desired().environments().stream()
        .map(EnvironmentManifests::environment)
        .forEach(
            e -> {
              policies.put(e.name(), e.drift());
              envs.put(e.name(), e);
            });
    Instant now = settings.clock().instant();
    Map<ResourceId, String> held = gate.holds();

    Map<ResourceId, ResourceOutcome> outcomes = new LinkedHashMap<>();
    for (ResourceOutcome o : PassResult.derived(evaluation.plan(), List.of())) {
      if (o.outcome() != Outcome.PENDING) outcomes.put(o.id(), o);
    }
    // Resources a rollout is moving (or holds after an abort) are the rollout's business, not
    // drift.
    Set<ResourceId> rolling = parts.rollouts().resources();
    List<Change> pending = new ArrayList<>();
    Set<ResourceId> toHeal = new HashSet<>();
    for (Change c : evaluation.plan().pending()) {
      if (rolling.contains(c.id())) {
        outcomes.put(c.id(), ResourceOutcome.of(c, Outcome.HELD));
        continue;
      }
      // A change Git asks for and the release policy holds is not drift: the agent applies it
      // once the policy allows.
      if (held.containsKey(c.id())) {
        outcomes.put(c.id(), ResourceOutcome.of(c, Outcome.HELD, held.get(c.id())));
        continue;
      }
      pending.add(c);
      if (policies.get(c.id().environment()) != DriftPolicy.HEAL) {
        outcomes.put(c.id(), ResourceOutcome.of(c, Outcome.DRIFT_REPORTED));
        continue;
      }
      Optional<Instant> frozen =
          Optional.ofNullable(envs.get(c.id().environment()))
              .flatMap(e -> e.policy().frozenUntil(now));
      if (frozen.isPresent()) {
        outcomes.put(
            c.id(),
            ResourceOutcome.of(
                c,
                Outcome.HEAL_DEFERRED,
                frozen.get() + " (" + c.id().environment() + " is frozen)"));
        continue;
      }
      Optional<Instant> deferred = parts.heal().deferredUntil(c.id());
      if (deferred.isPresent()) {
        outcomes.put(
            c.id(), ResourceOutcome.of(c, Outcome.HEAL_DEFERRED, deferred.get().toString()));
      } else {
        toHeal.add(c.id());
      }
    }
    PassResult applied =
        toHeal.isEmpty()
            ? evaluation.result(List.of())
            : evaluation.apply(c -> toHeal.contains(c.id()));
    for (ApplyResult a : applied.applied()) {
      if (a.failed()) {
        outcomes.put(
            a.change().id(), ResourceOutcome.of(a.change(), Outcome.HEAL_FAILED, a.detail()));
      } else {
        parts.heal().healed(a.change().id());
        healed.add(a.change().id());
        outcomes.put(a.change().id(), ResourceOutcome.of(a.change(), Outcome.HEALED));
      }
    }
    List<Drift> drifts = new ArrayList<>();
    for (Change c : pending) {
      for (FieldChange f : c.fields()) drifts.add(new Drift(c.id(), f.field(), f.to(), f.from()));
    }
    reporter.drift(
        parts
            .drifts()
            .observe(
                slice::contains,
                drifts,
                commit.sha(),
                d -> outcomes.get(d.resource()).action(),
                this::reason),
        who(evaluation.desired(), known));
    PassResult result =
        new PassResult(
            commit,
            applied.rejections(),
            applied.plan(),
            applied.applied(),
            applied.rolloutInProgress(),
            List.copyOf(outcomes.values()));
    gate.observed(result);
    reporter.sweepSlice(result);
    return result;
  }

  /**
   * Who made a drift: told by the change event that revealed it, else looked up (CloudTrail) for
   * changes since the live commit was applied (at most CloudTrail's 90 days of history).
   */
  private Function<OpenDrift, Optional<Attribution>> who(
      DesiredState desired, Map<ResourceId, Attribution> known) {
    Instant now = settings.clock().instant();
    Instant oldest = now.minus(Duration.ofDays(90));
    Instant since =
        parts
            .state()
            .lastApplied()
            .map(StateStore.AppliedCommit::appliedAt)
            .filter(t -> t.isAfter(oldest))
            .orElse(oldest);
    return o -> parts.attributions().who(o.drift().resource(), desired, known, since);
  }

  /** A newly applied commit converged {@code environments}: their open drifts are over. */
  void settled(Commit commit, Set<ResourceId> applied) {
    reporter.drift(
        parts
            .drifts()
            .resolve(
                applied,
                o ->
                    o.commit().equals(commit.sha())
                        ? "put back by applying commit " + commit.shortSha()
                        : "superseded by commit " + commit.shortSha()));
  }

  private String reason(OpenDrift o) {
    return healed.remove(o.drift().resource())
        ? "healed by Pointsman"
        : "undone outside Pointsman (live matches Git again)";
  }
}
