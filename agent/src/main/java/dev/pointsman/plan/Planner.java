package dev.pointsman.plan;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pairs desired resources with their live observations and turns each diff into a change. */
public final class Planner {
  private Planner() {}

  public static <D extends DesiredResource, O> Plan plan(
      List<D> desired, Map<ResourceId, Observed<O>> live, Differ<D, O> differ) {
    List<Change> changes = new ArrayList<>();
    List<PlanError> errors = new ArrayList<>();
    for (D d : desired) {
      Observed<O> observed = live.get(d.id());
      if (observed == null) {
        errors.add(new PlanError(d.id(), d.source(), "live state was not read"));
      } else if (observed instanceof Observed.Failed<O> failed) {
        errors.add(new PlanError(d.id(), d.source(), failed.reason()));
      } else if (observed instanceof Observed.Ok<O> ok) {
        Diff diff = differ.diff(d, ok.value());
        if (!diff.problems().isEmpty()) {
          diff.problems().forEach(p -> errors.add(new PlanError(d.id(), d.source(), p)));
        } else {
          changes.add(new Change(d.id(), actionOf(diff), diff.fields(), d, diff.notes()));
        }
      }
    }
    return new Plan(changes, errors);
  }

  private static Action actionOf(Diff diff) {
    if (!diff.exists()) return Action.CREATE;
    return diff.fields().isEmpty() ? Action.NONE : Action.UPDATE;
  }
}
