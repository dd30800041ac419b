package dev.pointsman.outcome;

/** What happened to one declared resource in one pass or sweep slice: a closed set. */
public enum Outcome {
  /** Live matches Git; nothing to do. */
  CONVERGED,
  /** A change is planned and was not applied (plan only, or the pass applied nothing). */
  PENDING,
  /** The planned change was applied. */
  APPLIED,
  /** Live differs from Git and the environment only reports drift. */
  DRIFT_REPORTED,
  /** Live differs from Git; the heal waits for the minimum gap between heals. */
  HEAL_DEFERRED,
  /** Live differed from Git and was put back. */
  HEALED,
  /** Live differs from Git and putting it back failed. */
  HEAL_FAILED,
  /** A rollout moves (or holds, after an abort) this resource; a sweep leaves it alone. */
  HELD,
  /** The resource could not be read, planned or changed. */
  FAILED
}
