package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's output holds what the user asked for: no logging framework chatter. */
class CliOutputIT {
  @TempDir Path tmp;

  private record Output(int exit, String stdout, String stderr) {}

  private Output run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AgentProcess.jar().toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Output(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void versionPrintsOneLineAndNothingElse() throws Exception {
    Output o = run("version");
    assertThat(o.exit()).isZero();
    assertThat(o.stdout().strip().lines()).hasSize(1);
    assertThat(o.stdout()).startsWith("pointsman ");
    assertThat(o.stderr()).isEmpty();
  }

  @Test
  void validatePrintsOnlyItsResult() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("prod"));
    Files.writeString(
        repo.resolve("prod/environment.yaml"),
        Manifests.environment("prod", Emulator.ACCOUNT, false));
    Files.writeString(
        repo.resolve("prod/fn.yaml"), Manifests.alias("fn", "ProcessOrder", "live", "3"));

    Output o = run("validate", "--repo", repo.toString());

    assertThat(o.exit()).as(o.stdout() + o.stderr()).isZero();
    assertThat(o.stdout() + o.stderr())
        .doesNotContain("ch.qos.logback")
        .doesNotContain("|-INFO")
        .doesNotContain("|-WARN");
    assertThat(o.stderr()).isEmpty();
  }
}
