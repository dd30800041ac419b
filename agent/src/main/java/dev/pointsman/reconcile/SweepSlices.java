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
   * every account, Region and kind in turn so that each slice spreads over several quotas. A unit
   * is what one read call covers across environments: the aliases of one function in every
   * environment that shares the account, Region and role (one ListAliases), an API's stages, ten
   * services of a cluster.
   */
  static List<Set<ResourceId>> slices(List<EnvironmentManifests> environments, int perSlice) {
    // read key + kind -> read group -> resources of every environment with that key
    Map<String, Map<String, List<DesiredResource>>> byQuota = new TreeMap<>();
    for (EnvironmentManifests em : environments) {
      String key = Reconciler.readKey(em.environment());
      for (DesiredResource r : em.resources()) {
        byQuota
            .computeIfAbsent(key + "|" + r.id().kind(), k -> new TreeMap<>())
            .computeIfAbsent(r.readGroup(), k -> new ArrayList<>())
            .add(r);
      }
    }
    List<Deque<List<DesiredResource>>> queues = new ArrayList<>();
    for (Map<String, List<DesiredResource>> groups : byQuota.values()) {
      Deque<List<DesiredResource>> units = new ArrayDeque<>();
      for (List<DesiredResource> group : groups.values()) {
        group.sort(
            Comparator.comparing((DesiredResource r) -> r.id().name())
                .thenComparing(r -> r.id().environment()));
        int batch = group.get(0).readBatch();
        for (int i = 0; i < group.size(); i += batch) {
          units.add(group.subList(i, (int) Math.min(group.size(), (long) i + batch)));
        }
      }
      queues.add(units);
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
