package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's output holds what the user asked for: no logging framework chatter. */
class CliOutputIT {
  @TempDir Path tmp;

  private record Output(int exit, String stdout, String stderr) {}

  private Output run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  private Output run(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AgentProcess.jar().toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
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

  @Test
  void planOfAPullRequestRefAsJsonMatchesTheSchemaAndMovesNothing() throws Exception {
    LambdaFixture lambda = new LambdaFixture();
    String fn = LambdaFixture.uniqueName("orders");
    lambda.createFunction(fn, 2);
    try (GitFixture repo = new GitFixture(tmp.resolve("pr-repo"))) {
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, false))
          .write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "1"))
          .write("prod/canary.yaml", Manifests.alias("canary", fn, "canary", "1"))
          .commit("Orders 1");
      repo.write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "2"));
      Files.delete(repo.dir().resolve("prod/canary.yaml"));
      repo.pullRequest(5, "Promote orders 2, stop managing the canary");

      Output o =
          run(
              AgentProcess.awsEnv(Emulator.endpoint()),
              "plan",
              "--repo",
              repo.url(),
              "--workdir",
              tmp.resolve("w").toString(),
              "--ref",
              "refs/pull/5/head",
              "--format",
              "json");

      assertThat(o.exit()).as(o.stdout() + o.stderr()).isEqualTo(2);
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(
                  Files.readString(Path.of("../docs/schema/plan-v1.schema.json")),
                  InputFormat.JSON);
      assertThat(schema.validate(o.stdout(), InputFormat.JSON)).isEmpty();
      assertThat(o.stdout())
          .contains("\"desired\" : \"2\"")
          .contains("\"name\" : \"" + fn + "/canary\"")
          .contains("\"action\" : \"released\"");
      assertThat(lambda.client().listAliases(r -> r.functionName(fn)).aliases())
          .as("a plan writes nothing")
          .isEmpty();
    } finally {
      lambda.close();
    }
  }
}
