package dev.pointsman.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What a differ found for one resource: whether the pointer exists live, the owned fields that
 * differ, problems that make the desired state impossible to apply (a missing version, say), and
 * notes that are no error but that a user should read in the plan (a deployment held or waiting).
 */
public record Diff(
    boolean exists, List<FieldChange> fields, List<String> problems, List<String> notes) {
  public Diff {
    fields = List.copyOf(fields);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  public Diff(boolean exists, List<FieldChange> fields, List<String> problems) {
    this(exists, fields, problems, List.of());
  }

  /** The same diff with {@code note} (something the plan says without it being an error). */
  public Diff noting(String note) {
    List<String> all = new ArrayList<>(notes);
    all.add(note);
    return new Diff(exists, fields, problems, all);
  }

  public static Diff impossible(List<String> problems) {
    return new Diff(false, List.of(), problems);
  }
}
