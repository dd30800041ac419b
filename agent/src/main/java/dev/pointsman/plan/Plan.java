package dev.pointsman.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The immutable outcome of planning: one change per desired resource, plus errors. */
public record Plan(List<Change> changes, List<PlanError> errors) {
  /**
   * Changes and errors are kept in resource order, so plans print and compare the same every time.
   */
  public Plan {
    changes = changes.stream().sorted(Comparator.comparing(Change::id)).toList();
    errors = errors.stream().sorted(Comparator.comparing(PlanError::id)).toList();
  }

  public static Plan empty() {
    return new Plan(List.of(), List.of());
  }

  /** Changes to apply now (not those in sync, nor those the release policy holds). */
  public List<Change> pending() {
    return changes.stream()
        .filter(c -> c.action() != Action.NONE && c.action() != Action.HOLD)
        .toList();
  }

  /** Changes the release policy holds. */
  public List<Change> held() {
    return changes.stream().filter(c -> c.action() == Action.HOLD).toList();
  }

  /** This plan with {@code changes} replaced (same resources, e.g. some held). */
  public Plan withChanges(List<Change> replaced) {
    return new Plan(replaced, errors);
  }

  public boolean converged() {
    return errors.isEmpty() && pending().isEmpty();
  }

  public Plan merge(Plan other) {
    List<Change> c = new ArrayList<>(changes);
    c.addAll(other.changes);
    List<PlanError> e = new ArrayList<>(errors);
    e.addAll(other.errors);
    return new Plan(c, e);
  }
}
