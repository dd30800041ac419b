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
    promoted.set(7, FleetFiles.function(6, "3")); // index 0 is environment.yaml
    LoadResult second = loader.load(promoted);

    assertThat(loader.lastStats().parsed()).isEqualTo(1);
    assertThat(loader.lastStats().reused()).isEqualTo(files.size() - 1);
    assertThat(second.state()).isNotEqualTo(first.state());
    assertThat(second.state()).isEqualTo(ManifestLoader.standard().load(promoted).state());
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
