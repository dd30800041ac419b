package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.reconcile.AgentLoop;
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
  void aPushCutsTheReadsOfASlowSweepsSliceShort() throws Exception {
    int fleet = 40;
    int callMillis = 150;
    List<String> fns = new ArrayList<>();
    try (LambdaFixture lambda = new LambdaFixture();
        ChatReceiver chat = new ChatReceiver();
        GitFixture repo = new GitFixture(tmp.resolve("repo"))) {
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
      for (int i = 0; i < fleet; i++) {
        String fn = LambdaFixture.uniqueName("slice" + i);
        fns.add(fn);
        repo.write("prod/" + fn + ".yaml", Manifests.alias(fn, fn, "live", "1"));
      }
      lambda.createFunctions(fns, 2);
      repo.commit("Fleet at version 1");
      try (RunHarness agent =
          new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
        agent.runtime.agent().syncCommit();
        agent.recorder.reset(); // from here on, the sweep's reads
        agent.recorder.delay(callMillis);
        // Sweeps back to back; a whole round costs at least fleet x callMillis = 6 s.
        AgentLoop loop = agent.runtime.loop(Duration.ofHours(1), Duration.ofMillis(50));
        Thread thread = new Thread(loop::run, "loop");
        thread.start();
        try {
          long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
          while (agent.recorder.requests().stream().filter(r -> r.contains("/aliases")).count()
              < 6) {
            assertThat(System.nanoTime()).as("the sweep started").isLessThan(deadline);
            Thread.sleep(20);
          }
          String target = fns.get(fleet - 3);
          repo.write("prod/" + target + ".yaml", Manifests.alias(target, target, "live", "2"))
              .commit("Promote one during the sweep");
          long pushed = System.nanoTime();
          loop.trigger();
          while (!lambda.alias(target, "live").functionVersion().equals("2")) {
            assertThat(System.nanoTime() - pushed)
                .as("promoted within 20 s")
                .isLessThan(Duration.ofSeconds(20).toNanos());
            Thread.sleep(20);
          }
          Duration latency = Duration.ofNanos(System.nanoTime() - pushed);
          System.out.printf(
              "promotion during a %d-function sweep at %d ms per call: live after %d ms%n",
              fleet, callMillis, latency.toMillis());
          // The slice in progress gave way: its reads stopped after the call in flight, and it is
          // read again after the push's pass.
          assertThat(agent.runtime.metrics().scrape())
              .containsPattern("pointsman_drift_sweep_yields_total [1-9]");
          // The promotion's own calls (ListAliases, GetFunction, UpdateAlias) plus the one in
          // flight is 4 calls; waiting for the slice would add up to 3, for the round 40+.
          assertThat(latency).isLessThan(Duration.ofMillis(callMillis * 10L));
        } finally {
          loop.stop();
          thread.join(10_000);
        }
      }
    }
  }

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

  @Test
  void aPromotionInAFileOfManyAliasesReadsTheOneItChanged() throws Exception {
    List<String> fns = new ArrayList<>();
    try (LambdaFixture lambda = new LambdaFixture();
        ChatReceiver chat = new ChatReceiver();
        GitFixture repo = new GitFixture(tmp.resolve("repo"))) {
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
      for (int i = 0; i < 5; i++) {
        String fn = LambdaFixture.uniqueName("shared" + i);
        lambda.createFunction(fn, 2);
        fns.add(fn);
      }
      repo.write("prod/functions.yaml", aliases(fns, 2, "1"))
          .commit("Fleet at version 1, one file");
      try (RunHarness agent =
          new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
        agent.runtime.agent().syncCommit();
        agent.runtime.agent().syncCommit(); // the first idle poll: the live declarations are known
        repo.write("prod/functions.yaml", aliases(fns, 2, "2")).commit("Promote one");
        agent.recorder.reset();
        agent.runtime.agent().syncCommit();

        assertThat(lambda.alias(fns.get(2), "live").functionVersion()).isEqualTo("2");
        assertThat(lambda.alias(fns.get(1), "live").functionVersion()).isEqualTo("1");
        assertThat(
                agent.recorder.requests().stream()
                    .filter(r -> r.startsWith("GET ") && r.contains("/aliases")))
            .as("one document changed in a file of five: one read")
            .hasSize(1);
      }
    }
  }

  /** Every alias at version 1 in one file, but the one at {@code index}, which is at {@code v}. */
  private static String aliases(List<String> fns, int index, String v) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < fns.size(); i++) {
      if (i > 0) s.append("---\n");
      s.append(Manifests.alias(fns.get(i), fns.get(i), "live", i == index ? v : "1"));
    }
    return s.toString();
  }
}
