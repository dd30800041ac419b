package dev.pointsman.plan.ecs;

import dev.pointsman.model.EcsService;
import dev.pointsman.model.EcsServiceObservation;
import dev.pointsman.plan.Diff;
import dev.pointsman.plan.Differ;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.plan.MapDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares only the fields Pointsman owns on a service: each declared container's image,
 * environment and secrets (order-insensitive), and the desired count. Everything else in the task
 * definition is kept as it is live.
 */
public final class EcsServiceDiffer implements Differ<EcsService, EcsServiceObservation> {
  @Override
  public Diff diff(EcsService desired, EcsServiceObservation observed) {
    if (observed.service().isEmpty()) {
      return Diff.impossible(
          List.of(
              "service "
                  + desired.service()
                  + " does not exist (or is not ACTIVE) in cluster "
                  + desired.cluster()
                  + "; Pointsman moves services between revisions, it does not create them"));
    }
    EcsServiceObservation.Live live = observed.service().get();
    List<String> problems = new ArrayList<>();
    List<FieldChange> fields = new ArrayList<>();
    for (EcsService.Container want : desired.containers()) {
      EcsService.Container have = live.containers().get(want.name());
      if (have == null) {
        problems.add(
            "container "
                + want.name()
                + " is not in task definition "
                + live.taskDefinitionArn()
                + " (it has "
                + live.containers().keySet()
                + "); Pointsman changes containers, it does not add them");
        continue;
      }
      String prefix = "containers." + want.name() + ".";
      if (!want.image().equals(have.image()))
        fields.add(new FieldChange(prefix + "image", have.image(), want.image()));
      want.environment()
          .ifPresent(
              e ->
                  compare(prefix + "environment.", e, have.environment().orElse(Map.of()), fields));
      want.secrets()
          .ifPresent(s -> compare(prefix + "secrets.", s, have.secrets().orElse(Map.of()), fields));
    }
    desired
        .desiredCount()
        .filter(c -> c != live.desiredCount())
        .ifPresent(
            c ->
                fields.add(
                    new FieldChange(
                        "desiredCount", String.valueOf(live.desiredCount()), String.valueOf(c))));
    return problems.isEmpty() ? new Diff(true, fields, List.of()) : Diff.impossible(problems);
  }

  /**
   * True when the containers (not just the count) differ, so a new or reused revision is needed.
   */
  public static boolean containersDiffer(List<FieldChange> fields) {
    return fields.stream().anyMatch(f -> f.field().startsWith("containers."));
  }

  private static void compare(
      String prefix, Map<String, String> want, Map<String, String> have, List<FieldChange> fields) {
    for (MapDiff.Entry e : MapDiff.of(want, have)) {
      fields.add(
          new FieldChange(prefix + e.key(), e.have().orElse("none"), e.want().orElse("none")));
    }
  }
}
