package dev.pointsman.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The immutable outcome of planning: one change per desired resource, plus errors. */
public record Plan(List<Change> changes, List<PlanError> errors) {
  public Plan {
    changes = List.copyOf(changes);
    errors = List.copyOf(errors);
  }

  public static Plan empty() {
    return new Plan(List.of(), List.of());
  }

  public List<Change> pending() {
    return changes.stream().filter(c -> c.action() != Action.NONE).toList();
  }

  public boolean converged() {
    return errors.isEmpty() && pending().isEmpty();
  }

  public Plan merge(Plan other) {
    List<Change> c = new ArrayList<>(changes);
    c.addAll(other.changes);
    c.sort(Comparator.comparing(Change::id));
    List<PlanError> e = new ArrayList<>(errors);
    e.addAll(other.errors);
    e.sort(Comparator.comparing(PlanError::id));
    return new Plan(c, e);
  }
}
