package dev.pointsman.preview;

import dev.pointsman.model.Commit;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.PassResult;
import java.util.List;
import java.util.Optional;

/**
 * What merging a commit would do, for a reviewer: the plan of the commit against live AWS
 * (read-only), what it stops declaring (left as it is live: Pointsman never deletes a pointer), and
 * drift on the resources it touches (live differs from what the base commit declares, so the merge
 * overwrites a change made outside Git).
 */
public record PlanReport(
    PassResult result,
    Optional<Commit> base,
    List<ResourceId> released,
    List<Drift> drift,
    boolean manifestsUntouched) {
  public PlanReport {
    released = List.copyOf(released);
    drift = List.copyOf(drift);
  }

  /** One owned field of a touched resource whose live value differs from the base commit's. */
  public record Drift(ResourceId id, String field, String live, String base) {}

  public Commit commit() {
    return result.commit();
  }

  /** The CLI's exit code: 0 converged, 2 changes pending, 1 errors (as {@code plan} always had). */
  public int exitCode() {
    return switch (result.status()) {
      // Pointers no longer managed are left alone: nothing to do. Held changes still differ.
      case CONVERGED, APPLIED -> result.plan().held().isEmpty() ? 0 : 2;
      case PENDING -> 2;
      case REJECTED, PLAN_FAILED, PARTIALLY_APPLIED -> 1;
    };
  }
}
