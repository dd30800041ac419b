package dev.pointsman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: commands, exit codes, config file. No AWS is needed for any of these. */
class CliTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void capture() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  @Test
  void theExampleRepositoryIsValid() {
    int code = Main.execute("validate", "--repo", "../manifests-example");
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("Valid: 3 environment(s) [dev, prod, staging]");
  }

  @Test
  void everyCommandTurnsOffNaglesAlgorithmForTheJdksHttpServerUnlessTheUserChose() {
    String before = System.getProperty(Main.HTTP_SERVER_NO_DELAY);
    try {
      System.clearProperty(Main.HTTP_SERVER_NO_DELAY);
      Main.execute("--version");
      assertThat(System.getProperty(Main.HTTP_SERVER_NO_DELAY)).isEqualTo("true");
      System.setProperty(Main.HTTP_SERVER_NO_DELAY, "false");
      Main.execute("--version");
      assertThat(System.getProperty(Main.HTTP_SERVER_NO_DELAY)).isEqualTo("false");
    } finally {
      if (before == null) System.clearProperty(Main.HTTP_SERVER_NO_DELAY);
      else System.setProperty(Main.HTTP_SERVER_NO_DELAY, before);
    }
  }

  @Test
  void validateFailsWithFileLineAndField() throws Exception {
    Files.createDirectories(tmp.resolve("prod"));
    Files.writeString(
        tmp.resolve("prod/environment.yaml"),
        "apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata: {name: prod}\nspec:\n  region: eu-west-1\n  accountId: \"123456789012\"\n");
    Files.writeString(
        tmp.resolve("prod/a.yaml"),
        "apiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata: {name: a}\nspec:\n  functionName: f\n  alias: live\n  version: 0\n");
    assertThat(Main.execute("validate", "--repo", tmp.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("prod/a.yaml:7: spec.version: expected a published version number");
  }

  @Test
  void optionsComeFromTheConfigFileAndUnknownKeysAreRefused() throws Exception {
    Path config = tmp.resolve("pointsman.yaml");
    Files.writeString(config, "repo: ../manifests-example\npath: .\n");
    assertThat(Main.execute("validate", "--config", config.toString())).isZero();

    Files.writeString(config, "repo: ../manifests-example\nrepository: typo\n");
    assertThat(Main.execute("validate", "--config", config.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("unknown keys [repository]");
  }

  @Test
  void usageErrorsExitWithOneNotTheChangesPendingCode() {
    assertThat(Main.execute("plan")).isEqualTo(1);
    assertThat(err.toString()).contains("Missing required option: '--repo=<url|path>'");
  }

  @Test
  void versionPrintsAVersion() {
    assertThat(Main.execute("version")).isZero();
    assertThat(out.toString()).startsWith("pointsman ");
  }

  @Test
  void theHttpServerBindsToLoopbackByDefault() {
    picocli.CommandLine cli = new picocli.CommandLine(new RunCommand());
    cli.parseArgs("--repo", "x");
    RunCommand parsed = cli.getCommand();
    assertThat(parsed.run.httpBind).isEqualTo("127.0.0.1");
  }
}
