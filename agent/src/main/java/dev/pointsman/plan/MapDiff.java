package dev.pointsman.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Entries added, changed or removed between two string maps, by key in order; order-insensitive.
 */
public final class MapDiff {
  private MapDiff() {}

  /** One differing key: what is wanted (empty = remove) and what is there (empty = absent). */
  public record Entry(String key, Optional<String> want, Optional<String> have) {}

  public static List<Entry> of(Map<String, String> want, Map<String, String> have) {
    TreeSet<String> keys = new TreeSet<>(want.keySet());
    keys.addAll(have.keySet());
    List<Entry> entries = new ArrayList<>();
    for (String k : keys) {
      if (!Objects.equals(want.get(k), have.get(k))) {
        entries.add(
            new Entry(k, Optional.ofNullable(want.get(k)), Optional.ofNullable(have.get(k))));
      }
    }
    return entries;
  }
}
