package dev.pointsman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promote on the example repository: only the values change, byte for byte. */
class PromoteCommandTest {
  @TempDir Path tmp;

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return code + "\n" + out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(stdout);
    }
  }

  private void copyExample(Path to) throws Exception {
    Path example = Path.of("../manifests-example");
    try (Stream<Path> files = Files.walk(example)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path t = to.resolve(example.relativize(f).toString());
        Files.createDirectories(t.getParent());
        Files.copy(f, t);
      }
    }
  }

  @Test
  void onlyTheArtifactValuesChangeAndASecondRunFindsNothing() throws Exception {
    Path repo = tmp.resolve("repo");
    copyExample(repo);

    String first = run("promote", "--from", "staging", "--to", "prod", "--repo", repo.toString());

    assertThat(first)
        .startsWith("0\n")
        .contains("+++ b/prod/process-order.yaml", "-  version: 2", "+  version: 3");
    try (Stream<Path> files = Files.walk(Path.of("../manifests-example"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = Path.of("../manifests-example").relativize(f).toString();
        List<String> before = Files.readAllLines(f);
        List<String> after = Files.readAllLines(repo.resolve(rel));
        assertThat(after).as(rel).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
          if (before.get(i).equals(after.get(i))) continue;
          assertThat(rel).as("only prod changes").startsWith("prod/");
          String key = before.get(i).substring(0, before.get(i).indexOf(':') + 1);
          assertThat(after.get(i))
              .as(rel + ":" + (i + 1))
              .startsWith(key)
              .isNotEqualTo(before.get(i));
          assertThat(key.strip()).isIn("version:", "deploymentId:", "image:", "s3Key:", "sha256:");
        }
      }
    }
    assertThat(Files.readString(repo.resolve("prod/process-order.yaml")))
        .as("comments kept")
        .contains("# The orders API's handler. Promote by changing `version` in a pull request");

    assertThat(run("promote", "--from", "staging", "--to", "prod", "--repo", repo.toString()))
        .startsWith("2\n")
        .contains("Nothing to promote");
    assertThat(run("validate", "--repo", repo.toString())).startsWith("0\n");
  }

  @Test
  void checkWritesNothingAndSaysWhatTheTargetsPolicyWouldHold() throws Exception {
    Path repo = tmp.resolve("repo");
    copyExample(repo);
    Path env = repo.resolve("prod/environment.yaml");
    Files.writeString(
        env, Files.readString(env) + "  promotion:\n    from: staging\n    soak: 30m\n");
    String before = Files.readString(repo.resolve("prod/process-order.yaml"));

    String out =
        run(
            "promote",
            "--from",
            "staging",
            "--to",
            "prod",
            "--repo",
            repo.toString(),
            "--check",
            "--workdir",
            tmp.resolve("work").toString());

    assertThat(out)
        .startsWith("2\n")
        .contains("held:  LambdaAlias process-order: process-order 3 has not served staging yet");
    assertThat(Files.readString(repo.resolve("prod/process-order.yaml"))).isEqualTo(before);
  }

  @Test
  void anUnknownEnvironmentIsAnError() throws Exception {
    Path repo = tmp.resolve("repo");
    copyExample(repo);
    assertThat(run("promote", "--from", "qa", "--to", "prod", "--repo", repo.toString()))
        .startsWith("1\n");
  }
}
