package dev.pointsman.outcome;

import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Change;
import java.util.Optional;

/**
 * The outcome of one resource in a pass: what happened, the planned change it concerns (absent for
 * a resource that could not be planned), and the detail a user needs (the error, the time a
 * deferred heal is due).
 */
public record ResourceOutcome(
    ResourceId id, Outcome outcome, Optional<Change> change, String detail) {
  public static ResourceOutcome of(Change change, Outcome outcome) {
    return new ResourceOutcome(change.id(), outcome, Optional.of(change), "");
  }

  public static ResourceOutcome of(Change change, Outcome outcome, String detail) {
    return new ResourceOutcome(change.id(), outcome, Optional.of(change), detail);
  }

  /** What was done about a drift, in the words chat and status use. */
  public String action() {
    return switch (outcome) {
      case DRIFT_REPORTED -> "reported only (drift: report)";
      // The detail says why when it is not the minimum gap ("… (prod is frozen)").
      case HEAL_DEFERRED ->
          "heal deferred until "
              + detail
              + (detail.endsWith(")") ? "" : " (minimum gap between heals)");
      case HEALED -> "healed";
      case HEAL_FAILED -> "heal failed: " + detail;
      case HELD -> detail.isEmpty() ? "held by a rollout" : "held: " + detail;
      case FAILED -> "failed: " + detail;
      case CONVERGED -> "in sync";
      case PENDING -> "pending";
      case APPLIED -> "applied";
    };
  }
}
