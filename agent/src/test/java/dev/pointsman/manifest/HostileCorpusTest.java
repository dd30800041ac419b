package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.ManifestFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile and broken input corpus: each file under {@code hostile-corpus/} yields exactly the
 * one error {@code expected.txt} names (file:line, field, what was expected and found). Inputs too
 * large or too binary for a fixture file are generated below. RunLoopIT feeds the corpus to a
 * running agent.
 */
class HostileCorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/hostile-corpus");
  private static final String ENV =
      "apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata: {name: prod}\n"
          + "spec: {region: eu-west-1, accountId: \"123456789012\", protected: true}\n";
  @TempDir Path tmp;

  static Map<String, String> expectations() throws IOException {
    return Files.readAllLines(CORPUS.resolve("expected.txt")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .collect(
            Collectors.toMap(
                l -> l.substring(0, l.indexOf(": ")), l -> l.substring(l.indexOf(": ") + 2)));
  }

  static Stream<String> cases() throws IOException {
    return expectations().keySet().stream().sorted();
  }

  private static List<String> errors(List<ManifestFile> files) {
    return Kinds.manifestLoader().load(files).errors().stream()
        .map(ManifestError::toString)
        .toList();
  }

  private static List<String> errorsFor(String path, byte[] content) {
    return errors(
        List.of(
            new ManifestFile("prod/environment.yaml", ENV.getBytes(StandardCharsets.UTF_8)),
            new ManifestFile(path, content)));
  }

  @Test
  void theCorpusHasAtLeastFiftyCasesAndEveryFileHasAnExpectation() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .map(n -> n.replace(".yaml", ""))
              .toList();
      assertThat(expectations().keySet()).containsExactlyInAnyOrderElementsOf(names);
      assertThat(names.size() + 9).as("file cases + generated cases").isGreaterThanOrEqualTo(50);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachHostileFileGivesItsOneClearError(String name) throws IOException {
    String expected = expectations().get(name);
    List<String> actual =
        errorsFor("prod/case.yaml", Files.readAllBytes(CORPUS.resolve(name + ".yaml")));
    assertThat(actual).hasSize(1);
    if (expected.endsWith("...")) {
      assertThat(actual.get(0)).startsWith(expected.substring(0, expected.length() - 3));
    } else {
      assertThat(actual.get(0)).isEqualTo(expected);
    }
  }

  @Test
  void aTenMegabyteFileIsRefusedUnread() {
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    assertThat(errorsFor("prod/big.yaml", big))
        .containsExactly(
            "prod/big.yaml: file is larger than the limit of 1048576 bytes per manifest file");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "a: " + "[".repeat(5000) + "]".repeat(5000);
    assertThat(errorsFor("prod/deep.yaml", deep.getBytes(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .startsWith("prod/deep.yaml:1:");
  }

  @Test
  void invalidUtf8IsRefused() {
    assertThat(
            errorsFor(
                "prod/bytes.yaml", new byte[] {'a', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n'}))
        .singleElement()
        .asString()
        .startsWith("prod/bytes.yaml");
  }

  @Test
  void nulBytesAreRefused() {
    assertThat(errorsFor("prod/nul.yaml", "a: b\u0000c\n".getBytes(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .startsWith("prod/nul.yaml:1: invalid YAML");
  }

  @Test
  void aByteOrderMarkIsAcceptedAsTheUtf8ItIs() {
    byte[] doc =
        ("\uFEFFapiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata: {name: o}\n"
                + "spec: {functionName: orders, alias: live, version: 3}\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(errorsFor("prod/bom.yaml", doc)).isEmpty();
  }

  @Test
  void tooManyDocumentsAreRefused() {
    assertThat(
            errorsFor(
                "prod/many.yaml", "---\na: 1\n".repeat(10_001).getBytes(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .contains("more than 10000 documents");
  }

  @Test
  void filesOutsideTheEnvironmentFoldersAreErrors() {
    byte[] any = "a: 1\n".getBytes(StandardCharsets.UTF_8);
    assertThat(
            errors(
                List.of(
                    new ManifestFile("prod/environment.yaml", ENV.getBytes(StandardCharsets.UTF_8)),
                    new ManifestFile("stray.yaml", any))))
        .containsExactly(
            "stray.yaml: manifests must live in an environment folder (<env>/stray.yaml)");
  }

  @Test
  void subfoldersOfAnEnvironmentAreReadButHoldNoEnvironmentOfTheirOwn() {
    byte[] env = ENV.getBytes(StandardCharsets.UTF_8);
    assertThat(
            errors(
                List.of(
                    new ManifestFile("prod/environment.yaml", env),
                    new ManifestFile("prod/team-a/environment.yaml", env),
                    new ManifestFile(
                        "prod/team-a/deep/x.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8)))))
        .contains(
            "prod/team-a/deep/x.yaml:1: kind: required field is missing; expected a manifest kind"
                + " such as LambdaAlias",
            "prod/team-a/environment.yaml:1: kind: Environment belongs in prod/environment.yaml");
  }

  @Test
  void aSymlinkPointingOutsideTheRepositoryIsRefusedNotFollowed() throws IOException {
    Files.createDirectories(tmp.resolve("prod"));
    Files.writeString(tmp.resolve("prod/environment.yaml"), ENV);
    Files.createSymbolicLink(tmp.resolve("prod/passwd.yaml"), Path.of("/etc/passwd"));
    assertThat(errors(DirectoryFiles.read(tmp)))
        .containsExactly("prod/passwd.yaml: symbolic links are not followed");
  }

  @Test
  void negativeZeroIsJustZero() {
    byte[] doc =
        ("apiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata: {name: o}\n"
                + "spec: {functionName: orders, alias: live, version: 3, routing: {version: 4, weight: -0}}\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(errorsFor("prod/zero.yaml", doc)).isEmpty();
  }
}
