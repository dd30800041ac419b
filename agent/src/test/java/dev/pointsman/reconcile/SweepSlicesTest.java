package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.manifest.FleetFiles;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.model.ResourceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepSlicesTest {
  private final LoadResult fleet = Kinds.manifestLoader().load(FleetFiles.of(9, 2, 23));
  private final List<Set<ResourceId>> slices =
      SweepSlices.slices(fleet.state().environments(), DriftSweep.SLICE_GROUPS);
  private final List<DesiredResource> resources = fleet.state().environments().get(0).resources();

  @Test
  void everyResourceIsSweptExactlyOnce() {
    assertThat(fleet.errors()).isEmpty();
    List<ResourceId> all = slices.stream().flatMap(Set::stream).toList();
    assertThat(all).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all))
        .isEqualTo(new HashSet<>(resources.stream().map(DesiredResource::id).toList()));
  }

  @Test
  void slicingNeverSplitsAReadGroupSoItCostsNoExtraCall() {
    // Calls the readers make for the slices: one per function / API present in a slice, one per
    // ten services of a cluster present in a slice. Must equal the unsliced minimum.
    int calls = 0;
    for (Set<ResourceId> slice : slices) {
      Map<String, Integer> perGroup = new HashMap<>();
      for (DesiredResource r : resources) {
        if (slice.contains(r.id()))
          perGroup.merge(r.id().kind() + "|" + r.readGroup(), 1, Integer::sum);
      }
      for (var e : perGroup.entrySet()) {
        calls += e.getKey().startsWith("EcsService") ? (e.getValue() + 9) / 10 : 1;
      }
    }
    assertThat(calls).isEqualTo(9 + 2 + 3); // 9 ListAliases, 2 GetStages, ceil(23/10)
  }

  @Test
  void environmentsSharingAnAccountAndRegionShareTheirReadUnits() {
    List<ManifestFile> files = new ArrayList<>();
    for (String env : List.of("dev", "staging", "prod"))
      files.addAll(FleetFiles.as(FleetFiles.of(9, 2, 0), env, "us-east-1"));
    files.addAll(FleetFiles.as(FleetFiles.of(9, 2, 0), "dr", "eu-west-1"));
    LoadResult four = Kinds.manifestLoader().load(files);
    assertThat(four.errors()).isEmpty();
    List<Set<ResourceId>> cut =
        SweepSlices.slices(four.state().environments(), DriftSweep.SLICE_GROUPS);

    // Calls the readers make: one per account/Region and function (or API) present in a slice.
    int calls = 0;
    for (Set<ResourceId> slice : cut) {
      Set<String> groups = new HashSet<>();
      for (var em : four.state().environments()) {
        String key = Reconciler.readKey(em.environment());
        for (DesiredResource r : em.resources())
          if (slice.contains(r.id())) groups.add(key + "|" + r.id().kind() + "|" + r.readGroup());
      }
      calls += groups.size();
    }
    // Three environments in us-east-1 cost what one does; the one in eu-west-1 its own reads.
    assertThat(calls).isEqualTo((9 + 2) * 2);
    assertThat(cut.stream().mapToInt(Set::size).sum()).isEqualTo(4 * (9 * 3 + 2 * 3));
    assertThat(cut).hasSize((int) Math.ceil((9 + 2) * 2 / (double) DriftSweep.SLICE_GROUPS));
  }

  @Test
  void aSliceHoldsAFewReadUnitsTakenFromEveryKindInTurn() {
    assertThat(slices).hasSize((int) Math.ceil((9 + 2 + 3) / (double) DriftSweep.SLICE_GROUPS));
    Set<String> firstKinds = new HashSet<>();
    slices.get(0).forEach(id -> firstKinds.add(id.kind()));
    assertThat(firstKinds).containsExactlyInAnyOrder("LambdaAlias", "ApiStage", "EcsService");
  }
}
