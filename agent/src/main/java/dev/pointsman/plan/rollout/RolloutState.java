package dev.pointsman.plan.rollout;

import java.time.Instant;

/**
 * The small persisted record of a rollout in progress (or held after an abort). The live pointer is
 * the state of the traffic; this record only adds when the current step began and whether it is
 * paused or held. {@code specHash} identifies the Git content being rolled out, so a changed
 * resource in Git releases a hold.
 */
public record RolloutState(
    String target, String specHash, int step, Instant stepStartedAt, Status status, String reason) {
  public enum Status {
    RUNNING,
    PAUSED,
    /**
     * Aborted and held: traffic stays on the stable version until Git changes for this resource.
     */
    ABORTED
  }

  public RolloutState with(Status s, String why) {
    return new RolloutState(target, specHash, step, stepStartedAt, s, why);
  }
}
