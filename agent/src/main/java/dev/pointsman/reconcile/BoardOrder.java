package dev.pointsman.reconcile;

import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order the board shows environments in: promotion order where environments declare it ({@code
 * promotion.from}: the source before the target), by name otherwise.
 */
final class BoardOrder {
  private BoardOrder() {}

  static List<String> environments(DesiredState state, List<String> names) {
    Map<String, String> from = new HashMap<>();
    for (EnvironmentManifests em : state.environments()) {
      Environment e = em.environment();
      e.policy().from().ifPresent(f -> from.put(e.name(), f));
    }
    Set<String> placed = new LinkedHashSet<>();
    TreeSet<String> left = new TreeSet<>(names);
    while (!left.isEmpty()) {
      String next = null;
      for (String n : left) {
        String source = from.get(n);
        if (source == null || placed.contains(source) || !left.contains(source)) {
          next = n;
          break;
        }
      }
      if (next == null) next = left.first(); // a cycle (validation refuses it): by name
      placed.add(next);
      left.remove(next);
    }
    return new ArrayList<>(placed);
  }
}
