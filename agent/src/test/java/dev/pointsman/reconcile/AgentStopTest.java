package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stopping an agent ends the threads it started itself (see {@link Agent#stop}). */
class AgentStopTest extends AgentTestBase {

  private static Set<Thread> warmStarts() {
    Set<Thread> found = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet())
      if (t.getName().equals("warm-start") && t.isAlive()) found.add(t);
    return found;
  }

  private Thread newWarmStart(Set<Thread> before) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> warmStarts().stream().filter(t -> !before.contains(t)).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  @Test
  void stoppingEndsAWarmStartThatIsWaitingForAPush() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    Set<Thread> before = warmStarts();

    // A push is always waiting: the warm start begun by this pass waits for it, indefinitely.
    agent.syncCommit(() -> true);
    Thread warmStart = newWarmStart(before);
    Thread.sleep(200);
    assertThat(warmStart.isAlive()).as("still waiting for the push before the stop").isTrue();

    agent.stop(Duration.ofSeconds(5));

    assertThat(warmStart.isAlive()).as("ended by the stop").isFalse();
  }

  @Test
  void aStoppedAgentStartsNoWarmStartAndTakesPushesWithoutAThread() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    Set<Thread> before = warmStarts();

    agent.stop(Duration.ofSeconds(5));
    agent.pushed(true); // a webhook racing the stop: no fetch thread, no error
    assertThat(agent.syncCommit()).as("a pass still made on the caller's thread").isPresent();

    assertThat(warmStarts()).as("no warm start after the stop").isSubsetOf(before);
    assertThat(aliases).containsEntry("live", "3");
  }
}
