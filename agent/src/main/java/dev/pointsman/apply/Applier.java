package dev.pointsman.apply;

import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.plan.Change;

/** Carries out one planned change with the fewest calls; reports the outcome, never throws. */
public interface Applier<D extends DesiredResource, O> {
  ApplyResult apply(Environment env, D desired, O observed, Change change);

  /** As above, knowing the commit being applied (verification hooks tell their function). */
  default ApplyResult apply(Commit commit, Environment env, D desired, O observed, Change change) {
    return apply(env, desired, observed, change);
  }
}
