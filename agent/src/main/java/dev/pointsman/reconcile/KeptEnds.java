package dev.pointsman.reconcile;

import java.util.List;

/**
 * How far two versions of a list hold the very same objects (by identity) from the start and from
 * the end. A commit that edits a few documents leaves every other document the object the commit
 * before had (the loader keeps what unchanged documents validated to), in the same order, so what
 * changed is within the run between the two ends. Pure.
 */
record KeptEnds(int head, int tail) {
  static KeptEnds of(List<?> old, List<?> now) {
    int shorter = Math.min(old.size(), now.size());
    int head = 0;
    while (head < shorter && old.get(head) == now.get(head)) head++;
    int tail = 0;
    while (tail < shorter - head
        && old.get(old.size() - 1 - tail) == now.get(now.size() - 1 - tail)) tail++;
    return new KeptEnds(head, tail);
  }

  /** The part of {@code list} (either version) between the kept ends. */
  <T> List<T> between(List<T> list) {
    return list.subList(head, list.size() - tail);
  }
}
