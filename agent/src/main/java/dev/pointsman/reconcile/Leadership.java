package dev.pointsman.reconcile;

import java.time.Duration;

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
