package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.EnvironmentManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden fixtures: each folder under {@code src/test/resources/loader/} holds a manifests tree in
 * {@code repo/} and the loader's expected verdict in {@code expected.txt} — either {@code valid:}
 * with the resources found, or one error per line (a line ending in "..." matches by prefix).
 */
class LoaderFixturesTest {
  private static final Path ROOT = Path.of("src/test/resources/loader");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void loaderGivesTheExpectedVerdict(String name) throws IOException {
    LoadResult result =
        Kinds.manifestLoader().load(DirectoryFiles.read(ROOT.resolve(name).resolve("repo")));
    List<String> expected =
        Files.readAllLines(ROOT.resolve(name).resolve("expected.txt")).stream()
            .filter(l -> !l.isBlank())
            .toList();

    if (expected.get(0).startsWith("valid:")) {
      assertThat(result.errors()).isEmpty();
      String found =
          result.state().environments().stream()
              .map(EnvironmentManifests::resources)
              .flatMap(List::stream)
              .map(DesiredResource::id)
              .map(Object::toString)
              .collect(Collectors.joining(", "));
      assertThat("valid: " + found).isEqualTo(expected.get(0));
      return;
    }
    List<String> actual = result.errors().stream().map(ManifestError::toString).toList();
    assertThat(actual).as(String.join("\n", actual)).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String want = expected.get(i);
      if (want.endsWith("...")) {
        assertThat(actual.get(i)).startsWith(want.substring(0, want.length() - 3));
      } else {
        assertThat(actual.get(i)).isEqualTo(want);
      }
    }
    assertThat(result.valid()).isFalse();
  }
}
