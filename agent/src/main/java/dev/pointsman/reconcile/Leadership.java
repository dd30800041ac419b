package dev.pointsman.reconcile;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether this agent may act now. Two agents on the same repository and accounts must not both
 * apply.
 */
public interface Leadership {
  /** Acquires or renews leadership; true while this agent holds it. Never throws. */
  boolean lead();

  /** How often {@link #lead()} must be called to keep leadership. */
  Duration renewEvery();

  /** Gives leadership up (shutdown), so another agent can take over at once. */
  void release();

  /**
   * Asked before every write: empty while this agent holds leadership and its last renewal has not
   * expired on the local clock; otherwise why it may not write. A leader that stalls longer than
   * its lease between this check and the call it guards can still write once: that window (one AWS
   * call) is what is left, and RevisionId / conditional writes bound its effect.
   */
  default Optional<String> refusal() {
    return Optional.empty();
  }

  /** A single agent: always the leader, no table needed. */
  Leadership ALONE =
      new Leadership() {
        @Override
        public boolean lead() {
          return true;
        }

        @Override
        public Duration renewEvery() {
          return Duration.ofDays(1);
        }

        @Override
        public void release() {}
      };
}
