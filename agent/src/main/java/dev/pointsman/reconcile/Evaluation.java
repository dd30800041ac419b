package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.PlanError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated, planned commit and the means to carry the plan out against the live state it was
 * computed from: what one kind of one environment contributes, and (merged) what a whole pass is. A
 * plan with errors is never applied.
 */
public record Evaluation(
    Commit commit,
    LoadResult load,
    Plan plan,
    List<Execution> executions,
    boolean rolloutInProgress,
    WriteGuard guard) {
  private static final Logger log = LoggerFactory.getLogger(Evaluation.class);

  public Evaluation {
    executions = List.copyOf(executions);
  }

  /** Carries out one kind's share of the plan. */
  public interface Execution {
    /** Applies the pending changes {@code which} selects, each only while {@code guard} allows. */
    List<ApplyResult> apply(Predicate<Change> which, WriteGuard guard);

    /** Records the rollout decisions of this pass (after a full apply only). */
    void recordDecisions();
  }

  /** Nothing read or planned (the manifests were rejected, or nothing was selected). */
  public static Evaluation unplanned(Commit commit, LoadResult load) {
    return new Evaluation(commit, load, Plan.empty(), List.of(), false, WriteGuard.ALWAYS);
  }

  /** This evaluation and {@code other} (the same commit) as one. */
  public Evaluation merge(Evaluation other) {
    List<Execution> all = new ArrayList<>(executions);
    all.addAll(other.executions());
    return new Evaluation(
        commit,
        load,
        plan.merge(other.plan()),
        all,
        rolloutInProgress || other.rolloutInProgress(),
        guard);
  }

  public Evaluation withErrors(List<PlanError> errors) {
    if (errors.isEmpty()) return this;
    return new Evaluation(
        commit,
        load,
        plan.merge(new Plan(List.of(), errors)),
        executions,
        rolloutInProgress,
        guard);
  }

  /** The same evaluation, its writes allowed only while {@code guard} says so. */
  public Evaluation guardedBy(WriteGuard guard) {
    return new Evaluation(commit, load, plan, executions, rolloutInProgress, guard);
  }

  /**
   * The plan alone, without the means to carry it out (nothing to carry out: converged, no
   * rollout), so that the live state it was read from can be let go.
   */
  public Evaluation planOnly() {
    return new Evaluation(commit, load, plan, List.of(), rolloutInProgress, guard);
  }

  /** The same evaluation with {@code replaced} as its plan (some changes held, say). */
  public Evaluation withPlan(Plan replaced) {
    return new Evaluation(commit, load, replaced, executions, rolloutInProgress, guard);
  }

  /**
   * Applies the pending changes {@code which} selects (others are held) and records this pass's
   * rollout decisions only when every pending change was applied: a decision about a held resource
   * must not start its rollout's clock.
   */
  public PassResult applyAll(Predicate<Change> which, boolean recordDecisions) {
    if (!load.valid() || !plan.errors().isEmpty()) return result(List.of());
    List<ApplyResult> results = run(which);
    if (recordDecisions) executions.forEach(Execution::recordDecisions);
    return result(results);
  }

  public DesiredState desired() {
    return load.state();
  }

  public PassResult result(List<ApplyResult> applied) {
    return new PassResult(commit, load.errors(), plan, applied, rolloutInProgress);
  }

  /**
   * Applies every pending change of an error-free plan and records this pass's rollout decisions
   * (also when nothing is pending: a rollout waiting in a pause still records its step).
   */
  public PassResult applyAll() {
    if (!load.valid() || !plan.errors().isEmpty()) return result(List.of());
    List<ApplyResult> results = run(c -> true);
    executions.forEach(Execution::recordDecisions);
    return result(results);
  }

  /** Applies the pending changes {@code which} selects, if the plan is free of errors. */
  public PassResult apply(Predicate<Change> which) {
    if (!load.valid() || !plan.errors().isEmpty() || plan.pending().isEmpty())
      return result(List.of());
    return result(run(which));
  }

  private List<ApplyResult> run(Predicate<Change> which) {
    List<ApplyResult> results = new ArrayList<>();
    executions.forEach(e -> results.addAll(e.apply(which, guard)));
    results.forEach(this::logResult);
    return results;
  }

  private void logResult(ApplyResult r) {
    if (r.failed()) {
      log.error("failed {} (commit {}): {}", r.change().summary(), commit, r.detail());
    } else {
      log.info(
          "{} {} (commit {})",
          r.outcome().name().toLowerCase(Locale.ROOT),
          r.change().summary(),
          commit);
    }
  }
}
