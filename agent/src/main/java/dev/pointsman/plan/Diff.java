package dev.pointsman.plan;

import java.util.List;

/**
 * What a differ found for one resource: whether the pointer exists live, the owned fields that
 * differ, and problems that make the desired state impossible to apply (a missing version, say).
 */
public record Diff(boolean exists, List<FieldChange> fields, List<String> problems) {
  public Diff {
    fields = List.copyOf(fields);
    problems = List.copyOf(problems);
  }

  public static Diff impossible(List<String> problems) {
    return new Diff(false, List.of(), problems);
  }
}
