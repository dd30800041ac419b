package dev.pointsman.reconcile;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How a drift sweep round is cut into slices of read groups. Pure. */
final class SweepSlices {
  private SweepSlices() {}

  /**
   * Cuts the environments' resources into slices of {@code perSlice} read units, taking units from
   * every environment and kind in turn so that each slice spreads over several quotas.
   */
  static List<Set<ResourceId>> slices(List<EnvironmentManifests> environments, int perSlice) {
    List<Deque<List<DesiredResource>>> queues = new ArrayList<>();
    for (EnvironmentManifests em : environments) {
      Map<String, Map<String, List<DesiredResource>>> byKind = new TreeMap<>();
      for (DesiredResource r : em.resources()) {
        byKind
            .computeIfAbsent(r.id().kind(), k -> new TreeMap<>())
            .computeIfAbsent(r.readGroup(), k -> new ArrayList<>())
            .add(r);
      }
      for (Map<String, List<DesiredResource>> groups : byKind.values()) {
        Deque<List<DesiredResource>> units = new ArrayDeque<>();
        for (List<DesiredResource> group : groups.values()) {
          group.sort(Comparator.comparing(r -> r.id().name()));
          int batch = group.get(0).readBatch();
          for (int i = 0; i < group.size(); i += batch) {
            units.add(group.subList(i, (int) Math.min(group.size(), (long) i + batch)));
          }
        }
        queues.add(units);
      }
    }
    List<Set<ResourceId>> slices = new ArrayList<>();
    Set<ResourceId> current = new HashSet<>();
    int units = 0;
    boolean any = true;
    while (any) {
      any = false;
      for (Deque<List<DesiredResource>> queue : queues) {
        List<DesiredResource> unit = queue.poll();
        if (unit == null) continue;
        any = true;
        unit.forEach(r -> current.add(r.id()));
        if (++units == perSlice) {
          slices.add(Set.copyOf(current));
          current.clear();
          units = 0;
        }
      }
    }
    if (!current.isEmpty()) slices.add(Set.copyOf(current));
    return slices;
  }
}
