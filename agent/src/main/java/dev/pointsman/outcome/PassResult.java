package dev.pointsman.outcome;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.manifest.ManifestError;
import dev.pointsman.model.Commit;
import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.PlanError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one pass over a commit (or one slice of a drift sweep) found and did: the plan, what was
 * applied, and an outcome per resource. A value: reporting it is someone else's job.
 */
public record PassResult(
    Commit commit,
    List<ManifestError> rejections,
    Plan plan,
    List<ApplyResult> applied,
    boolean rolloutInProgress,
    List<ResourceOutcome> outcomes) {
  public PassResult {
    rejections = List.copyOf(rejections);
    applied = List.copyOf(applied);
    outcomes = List.copyOf(outcomes);
  }

  /** A commit pass: each resource's outcome follows from its plan and what was applied. */
  public PassResult(
      Commit commit,
      List<ManifestError> rejections,
      Plan plan,
      List<ApplyResult> applied,
      boolean rolloutInProgress) {
    this(commit, rejections, plan, applied, rolloutInProgress, derived(plan, applied));
  }

  public PassResult(
      Commit commit, List<ManifestError> rejections, Plan plan, List<ApplyResult> applied) {
    this(commit, rejections, plan, applied, false);
  }

  /** Converged, applied, pending or failed per resource, as a commit pass sees it. */
  public static List<ResourceOutcome> derived(Plan plan, List<ApplyResult> applied) {
    Map<ResourceId, ApplyResult> byId = new HashMap<>();
    applied.forEach(a -> byId.put(a.change().id(), a));
    Map<ResourceId, ResourceOutcome> out = new LinkedHashMap<>();
    for (Change c : plan.changes()) {
      ApplyResult a = byId.get(c.id());
      ResourceOutcome o;
      if ((c.action() == Action.NONE || c.action() == Action.HOLD) && held(c).isPresent())
        o = ResourceOutcome.of(c, Outcome.HELD, held(c).get());
      else if (c.action() == Action.NONE) o = ResourceOutcome.of(c, Outcome.CONVERGED);
      else if (a == null) o = ResourceOutcome.of(c, Outcome.PENDING);
      else if (a.failed()) o = ResourceOutcome.of(c, Outcome.FAILED, a.detail());
      else if (a.deferred()) o = ResourceOutcome.of(c, Outcome.PENDING, a.detail());
      else o = ResourceOutcome.of(c, Outcome.APPLIED);
      out.put(c.id(), o);
    }
    for (PlanError e : plan.errors()) {
      out.put(e.id(), new ResourceOutcome(e.id(), Outcome.FAILED, Optional.empty(), e.message()));
    }
    return new ArrayList<>(out.values());
  }

  /** A note of the plan that says the change is held (e.g. AppConfig rolled it back). */
  public static Optional<String> held(Change c) {
    return c.notes().stream().filter(n -> n.startsWith(Change.HELD_NOTE)).findFirst();
  }

  public enum Status {
    /** The manifests failed validation: nothing was read from or written to AWS. */
    REJECTED,
    /** Live state could not be planned (missing version, wrong account...): nothing was written. */
    PLAN_FAILED,
    /** Every pointer already matches Git. */
    CONVERGED,
    /** Changes are pending (plan only). */
    PENDING,
    /** Changes were applied, all successfully. */
    APPLIED,
    /** Some changes failed to apply; the others were applied. */
    PARTIALLY_APPLIED
  }

  public Status status() {
    if (!rejections.isEmpty()) return Status.REJECTED;
    if (!plan.errors().isEmpty()) return Status.PLAN_FAILED;
    if (plan.pending().isEmpty()) return Status.CONVERGED;
    if (applied.isEmpty()) return Status.PENDING;
    if (applied.stream().anyMatch(ApplyResult::failed)) return Status.PARTIALLY_APPLIED;
    // A change that waits (an AppConfig deployment behind another) keeps the commit pending.
    return applied.stream().anyMatch(ApplyResult::deferred) ? Status.PENDING : Status.APPLIED;
  }

  /** The commit is fully live: nothing left to do for it (a rollout between steps is not). */
  public boolean settled() {
    return (status() == Status.CONVERGED || status() == Status.APPLIED) && !rolloutInProgress;
  }

  /**
   * Some changes were applied and others wait for them (an alias waits for the version its
   * LambdaFunction just published): another pass right away moves the waiting ones.
   */
  public boolean progressedWithDeferrals() {
    return status() == Status.PENDING
        && applied.stream().anyMatch(ApplyResult::deferred)
        && applied.stream().anyMatch(a -> !a.deferred() && !a.failed());
  }

  /** Resources that failed (could not be read, planned, applied or healed), with why. */
  public Map<String, String> failures() {
    Map<String, String> failures = new LinkedHashMap<>();
    for (ResourceOutcome o : outcomes) {
      if (o.outcome() == Outcome.FAILED || o.outcome() == Outcome.HEAL_FAILED)
        failures.put(o.id().toString(), o.detail());
    }
    return failures;
  }

  /** Every resource this pass looked at (planned, failed or not), as keys. */
  public Set<String> covered() {
    Set<String> keys = new HashSet<>();
    outcomes.forEach(o -> keys.add(o.id().toString()));
    return keys;
  }

  /** Merges two slices of one sweep. */
  public PassResult merge(PassResult b) {
    List<ApplyResult> all = new ArrayList<>(applied);
    all.addAll(b.applied());
    List<ResourceOutcome> outs = new ArrayList<>(outcomes);
    outs.addAll(b.outcomes());
    return new PassResult(
        b.commit(),
        b.rejections(),
        plan.merge(b.plan()),
        all,
        rolloutInProgress || b.rolloutInProgress(),
        outs);
  }
}
