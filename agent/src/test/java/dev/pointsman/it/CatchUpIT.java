package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pointsman.reconcile.AgentLoop;
import dev.pointsman.reconcile.CatchUp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new replica (an empty work directory) reads the whole fleet in slices between pushes: a push
 * during that first pass is applied at once, and the first pass then settles the newer commit.
 */
class CatchUpIT {
  @TempDir Path tmp;

  @Test
  void aPushDuringTheFirstPassOfANewReplicaIsAppliedAtOnce() throws Exception {
    int functions = CatchUp.ABOVE / 2 + 8; // two aliases each: a catch-up
    int callMillis = 60;
    List<String> fns = new ArrayList<>();
    try (LambdaFixture lambda = new LambdaFixture();
        ChatReceiver chat = new ChatReceiver();
        GitFixture repo = new GitFixture(tmp.resolve("repo"))) {
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
      for (int i = 0; i < functions; i++) {
        String fn = LambdaFixture.uniqueName("catch" + i);
        fns.add(fn);
        repo.write(
            "prod/" + fn + ".yaml",
            Manifests.alias(fn + "-live", fn, "live", "1")
                + "---\n"
                + Manifests.alias(fn + "-stable", fn, "stable", "1"));
      }
      lambda.createFunctions(fns, 2);
      repo.commit("Fleet at version 1");
      // The first replica creates the fleet's aliases, in slices too.
      try (RunHarness first =
          new RunHarness(repo.url(), tmp.resolve("first"), chat, Duration.ofMinutes(5))) {
        assertThat(first.runtime.agent().syncCommit()).isEmpty();
        assertThat(first.runtime.agent().catchingUp()).isTrue();
        while (first.runtime.agent().catchingUp()) first.runtime.agent().catchUpStep(() -> false);
        assertThat(first.runtime.status().lastApplied()).isPresent();
      }
      for (String fn : fns) assertThat(lambda.alias(fn, "stable").functionVersion()).isEqualTo("1");

      // A new replica with an empty work directory: its first pass covers the whole fleet.
      try (RunHarness replica =
          new RunHarness(repo.url(), tmp.resolve("replica"), chat, Duration.ofMinutes(5))) {
        replica.recorder.delay(callMillis);
        AgentLoop loop = replica.runtime.loop(Duration.ofHours(1), Duration.ofHours(1));
        Thread thread = new Thread(loop::run, "loop");
        thread.start();
        try {
          await()
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(10))
              .until(
                  () ->
                      replica.recorder.requests().stream()
                              .filter(r -> r.contains("/aliases"))
                              .count()
                          >= 6);
          assertThat(replica.runtime.agent().catchingUp()).as("the first pass is sliced").isTrue();
          String target = fns.get(functions - 2); // read late in the first pass
          String newest =
              repo.write(
                      "prod/" + target + ".yaml",
                      Manifests.alias(target + "-live", target, "live", "2")
                          + "---\n"
                          + Manifests.alias(target + "-stable", target, "stable", "1"))
                  .commit("Promote one during the first pass");
          long pushed = System.nanoTime();
          loop.trigger();
          await()
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(10))
              .until(() -> lambda.alias(target, "live").functionVersion().equals("2"));
          Duration latency = Duration.ofNanos(System.nanoTime() - pushed);
          System.out.printf(
              "promotion during the first pass over %d aliases at %d ms per call: %d ms%n",
              functions * 2, callMillis, latency.toMillis());
          assertThat(replica.runtime.agent().catchingUp())
              .as("applied before the first pass ended")
              .isTrue();
          // The promotion's own reads and write plus the one call in flight; the whole first
          // pass is at least one ListAliases per function.
          assertThat(latency).isLessThan(Duration.ofMillis(callMillis * (functions / 2L)));

          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () ->
                      replica
                          .runtime
                          .status()
                          .lastApplied()
                          .map(c -> c.sha().equals(newest))
                          .orElse(false));
          assertThat(lambda.alias(target, "live").functionVersion())
              .as("never the older commit over the newer")
              .isEqualTo("2");
          for (String fn : fns) {
            assertThat(lambda.alias(fn, "stable").functionVersion()).isEqualTo("1");
            if (!fn.equals(target))
              assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("1");
          }
        } finally {
          loop.stop();
          thread.join(10_000);
        }
      }
    }
  }
}
