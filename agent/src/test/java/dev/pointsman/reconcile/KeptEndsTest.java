package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptEndsTest {
  private static List<Object> objects(int n) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < n; i++) list.add(new Object());
    return list;
  }

  @Test
  void theRunBetweenTheEndsHoldsWhatChangedWhateverTheLengths() {
    List<Object> old = objects(10);
    List<Object> edited = new ArrayList<>(old);
    edited.set(3, new Object());
    edited.add(7, new Object()); // inserted
    KeptEnds kept = KeptEnds.of(old, edited);
    assertThat(kept).isEqualTo(new KeptEnds(3, 3));
    assertThat(kept.between(old)).containsExactlyElementsOf(old.subList(3, 7));
    assertThat(kept.between(edited)).containsExactlyElementsOf(edited.subList(3, 8));
  }

  @Test
  void equalObjectsThatAreNotTheSameAreNotKept() {
    List<String> old = List.of("a", "b");
    List<String> copies = List.of(new String("a"), "b");
    assertThat(KeptEnds.of(old, copies)).isEqualTo(new KeptEnds(0, 1));
  }

  @Test
  void theEndsNeverOverlap() {
    List<Object> old = objects(4);
    List<Object> longer = new ArrayList<>(old);
    longer.add(2, old.get(1)); // the same object twice: the ends must not count it for both
    KeptEnds kept = KeptEnds.of(old, longer);
    assertThat(kept.head() + kept.tail()).isLessThanOrEqualTo(old.size());
    assertThat(kept.between(old)).isEmpty();
    assertThat(kept.between(longer)).hasSize(1);
    assertThat(KeptEnds.of(old, List.of())).isEqualTo(new KeptEnds(0, 0));
    assertThat(KeptEnds.of(old, old).between(old)).isEmpty();
  }
}
