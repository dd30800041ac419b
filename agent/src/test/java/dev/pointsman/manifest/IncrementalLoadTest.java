package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalLoadTest {
  private final ManifestLoader loader = ManifestLoader.standard();

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
    assertThat(second.state()).isEqualTo(ManifestLoader.standard().load(promoted).state());
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
}
