package dev.pointsman.outcome;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.manifest.ManifestError;
import dev.pointsman.model.Commit;
import dev.pointsman.plan.Plan;
import java.util.List;

/** What one pass over a commit found and did. */
public record PassResult(
    Commit commit,
    List<ManifestError> rejections,
    Plan plan,
    List<ApplyResult> applied,
    boolean rolloutInProgress) {
  public PassResult {
    rejections = List.copyOf(rejections);
    applied = List.copyOf(applied);
  }

  public PassResult(
      Commit commit, List<ManifestError> rejections, Plan plan, List<ApplyResult> applied) {
    this(commit, rejections, plan, applied, false);
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
    return applied.stream().anyMatch(ApplyResult::failed)
        ? Status.PARTIALLY_APPLIED
        : Status.APPLIED;
  }

  /** The commit is fully live: nothing left to do for it (a rollout between steps is not). */
  public boolean settled() {
    return (status() == Status.CONVERGED || status() == Status.APPLIED) && !rolloutInProgress;
  }
}
