package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pointsman run} as a real process: bad commits change nothing, the fixed commit is applied.
 */
class RunLoopIT {
  @TempDir Path tmp;

  @Test
  void aCommitWithOneBadFileChangesNothingAndTheFixedCommitIsApplied() throws Exception {
    String fn = LambdaFixture.uniqueName("worker");
    try (LambdaFixture lambda = new LambdaFixture();
        GitFixture repo = new GitFixture(tmp.resolve("repo"));
        HttpRecorder recorder = new HttpRecorder(Emulator.endpoint())) {
      lambda.createFunction(fn, 3);
      String initial =
          repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
              .write("prod/worker.yaml", Manifests.alias("worker", fn, "live", "1"))
              .commit("Initial pointers");

      try (AgentProcess agent =
          AgentProcess.run(
              tmp.resolve("agent.log"),
              AgentProcess.awsEnv(recorder.endpoint()),
              repo.dir(),
              tmp.resolve("work"))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    agent.output().contains("commit " + initial.substring(0, 12))
                        && agent.output().contains(" applied"));
        assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");

        // One good change and one bad file in the same commit: neither may be applied.
        String bad =
            repo.write("prod/worker.yaml", Manifests.alias("worker", fn, "live", "2"))
                .write(
                    "prod/canary.yaml",
                    Manifests.aliasWithRouting("canary", fn, "canary", "2", "3", "150"))
                .commit("Promote 2 with a broken canary");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> agent.output().contains("commit " + bad.substring(0, 12)));
        recorder.reset();
        Thread.sleep(1500); // several polls of the unchanged bad commit

        String out = agent.output();
        assertThat(out)
            .contains(
                "rejected, nothing applied",
                "prod/canary.yaml:11: spec.routing.weight",
                "found 150");
        assertThat(out.split("rejected, nothing applied", -1))
            .as("reported once, not per poll")
            .hasSize(2);
        assertThat(agent.isAlive()).isTrue();
        assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
        assertThat(recorder.lambdaWrites()).isEmpty();

        repo.write(
                "prod/canary.yaml",
                Manifests.aliasWithRouting("canary", fn, "canary", "2", "3", "15"))
            .commit("Fix the canary weight");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> "2".equals(lambda.alias(fn, "live").functionVersion()));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> lambda.weights(fn, "canary").equals(java.util.Map.of("3", 0.15)));
      }
    }
  }

  @Test
  void theWholeHostileCorpusInOneCommitChangesNothingAndTheAgentStaysUp() throws Exception {
    String fn = LambdaFixture.uniqueName("hostile");
    try (LambdaFixture lambda = new LambdaFixture();
        GitFixture repo = new GitFixture(tmp.resolve("repo"));
        HttpRecorder recorder = new HttpRecorder(Emulator.endpoint())) {
      lambda.createFunction(fn, 2);
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
          .write("prod/worker.yaml", Manifests.alias("worker", fn, "live", "1"))
          .commit("Initial pointers");
      try (AgentProcess agent =
          AgentProcess.run(
              tmp.resolve("agent.log"),
              AgentProcess.awsEnv(recorder.endpoint()),
              repo.dir(),
              tmp.resolve("work"))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> "1".equals(lambda.alias(fn, "live").functionVersion()));
        repo.write("prod/worker.yaml", Manifests.alias("worker", fn, "live", "2"));
        try (var files =
            java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/hostile-corpus"))) {
          for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
            repo.write("prod/hostile-" + f.getFileName(), java.nio.file.Files.readString(f));
          }
        }
        String bad = repo.commit("Everything hostile at once");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> agent.output().contains("commit " + bad.substring(0, 12)));
        recorder.reset();
        Thread.sleep(1500);

        assertThat(agent.isAlive()).isTrue();
        assertThat(agent.output())
            .contains(
                "rejected, nothing applied",
                "prod/hostile-alias-bomb.yaml:2: YAML aliases",
                "prod/hostile-tab-indent.yaml:4: invalid YAML");
        assertThat(recorder.lambdaWrites()).isEmpty();
        assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
      }
    }
  }
}
