package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A promotion reads and writes only what its commit touched; the drift sweep covers the rest. */
class ScopedPromotionIT {
  @TempDir Path tmp;

  @Test
  void aCommitTouchingOneFileCostsOneResourcesCalls() throws Exception {
    List<String> fns = new ArrayList<>();
    try (LambdaFixture lambda = new LambdaFixture();
        ChatReceiver chat = new ChatReceiver();
        GitFixture repo = new GitFixture(tmp.resolve("repo"))) {
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
      for (int i = 0; i < 5; i++) {
        String fn = LambdaFixture.uniqueName("fleet" + i);
        lambda.createFunction(fn, 2);
        fns.add(fn);
        repo.write("prod/" + fn + ".yaml", Manifests.alias(fn, fn, "live", "1"));
      }
      repo.commit("Fleet at version 1");
      try (RunHarness agent =
          new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
        agent.runtime.agent().syncCommit();
        for (String fn : fns) assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");

        repo.write(
                "prod/" + fns.get(2) + ".yaml",
                Manifests.alias(fns.get(2), fns.get(2), "live", "2"))
            .commit("Promote one");
        agent.recorder.reset();
        agent.runtime.agent().syncCommit();

        assertThat(lambda.alias(fns.get(2), "live").functionVersion()).isEqualTo("2");
        List<String> lambdaCalls =
            agent.recorder.requests().stream()
                .filter(r -> r.contains("/2015-03-31/functions/"))
                .toList();
        assertThat(lambdaCalls)
            .as("only the touched function is read and written")
            .allMatch(r -> r.contains(fns.get(2)));
        assertThat(lambdaCalls.stream().filter(r -> r.startsWith("GET ") && r.contains("/aliases")))
            .hasSize(1);

        agent.recorder.reset();
        agent.runtime.agent().sweepDrift();
        assertThat(
                agent.recorder.requests().stream()
                    .filter(r -> r.startsWith("GET ") && r.contains("/aliases")))
            .as("the sweep reads the fleet")
            .hasSize(5);
      }
    }
  }
}
