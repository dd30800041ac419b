package dev.pointsman.reconcile;

import dev.pointsman.model.DesiredState;
import java.util.ArrayList;
import java.util.List;

/** The order environments are shown in: by name (until they declare a promotion order). */
final class BoardOrder {
  private BoardOrder() {}

  static List<String> environments(DesiredState state, List<String> names) {
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(String::compareTo);
    return sorted;
  }
}
