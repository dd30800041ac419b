package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.FileChange;
import dev.pointsman.model.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IncrementalLoadTest {
  private final ManifestLoader loader = Kinds.manifestLoader();

  @Test
  void onlyChangedFilesAreParsedAgain() {
    List<ManifestFile> files = FleetFiles.of(50, 3, 12);
    LoadResult first = loader.load(files);
    assertThat(first.errors()).isEmpty();
    assertThat(loader.lastStats().parsed()).isEqualTo(files.size());
    assertThat(loader.lastStats().reused()).isZero();

    List<ManifestFile> promoted = new ArrayList<>(files);
    promoted.set(
        7,
        FleetFiles.function(
            6, "3")); // index 0 is environment.yaml; files are checked in path order
    LoadResult second = loader.load(promoted);

    assertThat(loader.lastStats().parsed()).isEqualTo(1);
    assertThat(loader.lastStats().reused()).isEqualTo(files.size() - 1);
    assertThat(second.state()).isNotEqualTo(first.state());
    assertThat(second.state()).isEqualTo(Kinds.manifestLoader().load(promoted).state());
  }

  @Test
  void aChangedEnvironmentValidatesEveryFileAgainWithoutParsingIt() {
    List<ManifestFile> files = new ArrayList<>(FleetFiles.of(5, 0, 0));
    loader.load(files);
    ManifestFile env = files.get(0);
    String text =
        new String(env.content(), StandardCharsets.UTF_8).replace("us-east-1", "eu-west-1");
    files.set(0, new ManifestFile(env.path(), text.getBytes(StandardCharsets.UTF_8)));
    LoadResult moved = loader.load(files);

    assertThat(loader.lastStats().parsed()).isEqualTo(1);
    assertThat(moved.errors()).isEmpty();
    assertThat(moved.state().environments().get(0).resources())
        .allSatisfy(r -> assertThat(r.id().environment()).isEqualTo("fleet"))
        .hasSize(15);
    assertThat(moved.state().environments().get(0).environment().region()).isEqualTo("eu-west-1");
  }

  @Test
  void aDuplicateAcrossAnUnchangedAndAChangedFileIsStillFound() {
    List<ManifestFile> files = new ArrayList<>(FleetFiles.of(3, 0, 0));
    loader.load(files);
    ManifestFile copy = FleetFiles.function(1, "2");
    files.add(new ManifestFile("fleet/copy.yaml", copy.content()));
    LoadResult result = loader.load(files);

    assertThat(result.errors())
        .extracting(ManifestError::message)
        .anyMatch(
            m -> m.contains("LambdaAlias fn-1-live is already declared at fleet/copy.yaml:2"));
  }

  @Test
  void aReusedBrokenFileStillReportsItsError() {
    List<ManifestFile> files = new ArrayList<>(FleetFiles.of(3, 0, 0));
    files.add(
        new ManifestFile(
            "fleet/broken.yaml", "kind: [unclosed\n".getBytes(StandardCharsets.UTF_8)));
    LoadResult first = loader.load(files);
    LoadResult again = loader.load(files);

    assertThat(loader.lastStats().parsed()).isZero();
    assertThat(first.errors()).isNotEmpty();
    assertThat(again.errors()).isEqualTo(first.errors());
  }

  @Test
  void aFileThatDisappearsIsForgotten() {
    List<ManifestFile> files = FleetFiles.of(4, 0, 0);
    loader.load(files);
    loader.load(files.subList(0, files.size() - 1));
    loader.load(files);

    assertThat(loader.lastStats().parsed()).isEqualTo(1);
    assertThat(loader.lastStats().reused()).isEqualTo(4);
  }

  // --- update: a commit read as what it changed since the last one ---

  private static FileChange edit(ManifestFile f) {
    return new FileChange(f.path(), true, Optional.of(f));
  }

  private static FileChange add(ManifestFile f) {
    return new FileChange(f.path(), false, Optional.of(f));
  }

  private static FileChange delete(String path) {
    return new FileChange(path, true, Optional.empty());
  }

  private static ManifestFile text(String path, String text) {
    return new ManifestFile(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Applies changes to a file list the way a commit does. */
  private static List<ManifestFile> apply(List<ManifestFile> files, List<FileChange> changes) {
    Map<String, ManifestFile> byPath = new TreeMap<>();
    files.forEach(f -> byPath.put(f.path(), f));
    for (FileChange c : changes) {
      if (c.deleted()) byPath.remove(c.path());
      else byPath.put(c.path(), c.file().get());
    }
    return new ArrayList<>(byPath.values());
  }

  @Test
  void anUpdateParsesOnlyTheChangedFilesAndEqualsAFullLoad() {
    List<ManifestFile> files = FleetFiles.of(40, 3, 8);
    LoadResult base = loader.load(files);
    Random random = new Random(7);
    for (int step = 0; step < 60; step++) {
      List<FileChange> changes = new ArrayList<>();
      Set<String> present = new HashSet<>();
      files.forEach(file -> present.add(file.path()));
      for (int k = 0; k <= step % 3; k++) {
        ManifestFile fn = FleetFiles.function((step * 7 + k * 13) % 40, String.valueOf(3 + step));
        boolean existed = present.contains(fn.path());
        if (existed && random.nextInt(3) == 0) changes.add(delete(fn.path()));
        else changes.add(new FileChange(fn.path(), existed, Optional.of(fn)));
      }
      // not a manifest: ignored, but counted among the files
      changes.add(
          new FileChange(
              "fleet/NOTES.md", step > 0, Optional.of(text("fleet/NOTES.md", "step " + step))));
      List<ManifestFile> next = apply(files, changes);
      Optional<LoadResult> updated = loader.update(base, changes);

      LoadResult full = Kinds.manifestLoader().load(next);
      assertThat(updated).as("step %d", step).isPresent();
      assertThat(updated.get().state()).as("step %d", step).isEqualTo(full.state());
      assertThat(updated.get().errors()).isEmpty();
      assertThat(loader.lastStats().files()).isEqualTo(next.size());
      assertThat(loader.lastStats().parsed())
          .isEqualTo((int) changes.stream().filter(c -> !c.deleted()).count() - 1);
      files = next;
      base = updated.get();
    }
  }

  @Test
  void aRenamedFileKeepsItsResourcesOnce() {
    List<ManifestFile> files = FleetFiles.of(5, 0, 0);
    LoadResult base = loader.load(files);
    ManifestFile fn2 = FleetFiles.function(2, "2");
    List<FileChange> rename =
        List.of(delete(fn2.path()), add(new ManifestFile("fleet/renamed.yaml", fn2.content())));

    LoadResult renamed = loader.update(base, rename).orElseThrow();

    assertThat(renamed.state())
        .isEqualTo(Kinds.manifestLoader().load(apply(files, rename)).state());
    assertThat(renamed.state().environments().get(0).resources()).hasSize(15);
  }

  @Test
  void whatAnUpdateCannotVouchForIsLeftToAFullLoadWhichReportsIt() {
    List<ManifestFile> files = FleetFiles.of(5, 0, 0);
    LoadResult base = loader.load(files);
    ManifestFile fn1 = FleetFiles.function(1, "2");
    ManifestFile environment = files.get(0);

    // a duplicate of an unchanged file's alias, a broken file, a new folder, the environment file
    List<List<FileChange>> declined =
        List.of(
            List.of(add(new ManifestFile("fleet/copy.yaml", fn1.content()))),
            List.of(add(text("fleet/broken.yaml", "kind: [unclosed\n"))),
            List.of(add(text("other/environment.yaml", "kind: Environment\n"))),
            List.of(edit(text(environment.path(), "kind: Environment\n"))),
            List.of(add(text("deep/er/file.yaml", "kind: LambdaAlias\n"))),
            List.of(
                add(ManifestFile.refused("fleet/link.yaml", "symbolic links are not followed"))));
    for (List<FileChange> changes : declined) {
      assertThat(loader.update(base, changes)).as(changes.get(0).path()).isEmpty();
      LoadResult full = loader.load(apply(files, changes));
      assertThat(full.errors()).as(changes.get(0).path()).isNotEmpty();
      base = loader.load(files); // back to the valid commit
    }
    assertThat(loader.update(base, List.of(edit(FleetFiles.function(1, "9"))))).isPresent();
  }

  @Test
  void anUpdateNeedsTheLastLoadAsItsBase() {
    List<ManifestFile> files = FleetFiles.of(3, 0, 0);
    LoadResult stale = loader.load(files);
    loader.load(apply(files, List.of(edit(FleetFiles.function(0, "4")))));

    assertThat(loader.update(stale, List.of(edit(FleetFiles.function(1, "4"))))).isEmpty();
    assertThat(Kinds.manifestLoader().update(stale, List.of())).isEmpty();
  }

  @Test
  void afterAnInvalidCommitTheNextIsLoadedInFull() {
    List<ManifestFile> files = FleetFiles.of(3, 0, 0);
    loader.load(files);
    List<FileChange> breaking = List.of(add(text("fleet/broken.yaml", "kind: [unclosed\n")));
    LoadResult rejected = loader.load(apply(files, breaking));
    assertThat(rejected.errors()).isNotEmpty();

    assertThat(loader.update(rejected, List.of(delete("fleet/broken.yaml")))).isEmpty();
  }

  @Test
  void filesInSubfoldersOfAnEnvironmentAreUpdatedLikeAnyOther() {
    List<ManifestFile> files = new ArrayList<>();
    for (ManifestFile f : FleetFiles.of(6, 0, 0)) {
      files.add(
          f.path().endsWith("environment.yaml")
              ? f
              : new ManifestFile(f.path().replace("fleet/", "fleet/team-a/"), f.content()));
    }
    LoadResult base = loader.load(files);
    assertThat(base.errors()).isEmpty();
    ManifestFile moved = FleetFiles.function(3, "8");
    List<FileChange> changes =
        List.of(
            edit(
                new ManifestFile(
                    moved.path().replace("fleet/", "fleet/team-a/"), moved.content())));

    LoadResult updated = loader.update(base, changes).orElseThrow();

    assertThat(updated.state())
        .isEqualTo(Kinds.manifestLoader().load(apply(files, changes)).state());
    assertThat(updated.state().environments().get(0).resources()).hasSize(18);
  }
}
