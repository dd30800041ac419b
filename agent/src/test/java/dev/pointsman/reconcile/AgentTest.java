package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pointsman.notify.Notification;
import dev.pointsman.outcome.Outcome;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.outcome.ResourceOutcome;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The agent's decisions on an injected clock, with a real Git repository and an in-memory stand-in
 * for one kind's AWS API (see {@link AgentTestBase}).
 */
class AgentTest extends AgentTestBase {
  private static Outcome outcomeOf(PassResult r) {
    assertThat(r.outcomes()).hasSize(1);
    return r.outcomes().get(0).outcome();
  }

  private List<String> titles() {
    return chat.stream().map(Notification::title).toList();
  }

  @Test
  void aNewCommitIsAppliedAndItsOutcomeIsApplied() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");

    PassResult r = agent.syncCommit().orElseThrow();

    assertThat(outcomeOf(r)).isEqualTo(Outcome.APPLIED);
    assertThat(aliases).containsEntry("live", "3");
    assertThat(agent.syncCommit()).as("the same commit is not applied twice").isEmpty();
    assertThat(chat).hasSize(1);
  }

  @Test
  void aFailedPassIsAnnouncedOnceItPersistsAndResolvedWhenAPassSucceeds() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    readFailure.set(new IllegalStateException("lambda endpoint on fire"));

    assertThat(agent.syncCommit()).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(agent.syncCommit()).isEmpty();
    assertThat(titles()).anyMatch(t -> t.contains("pass failed") || t.contains("commit "));
    int announced = chat.size();
    assertThat(announced).isEqualTo(1);

    readFailure.set(null);
    clock.advance(Duration.ofSeconds(30));
    PassResult r = agent.syncCommit().orElseThrow();

    assertThat(outcomeOf(r)).isEqualTo(Outcome.APPLIED);
    List<Notification> after = chat.subList(announced, chat.size());
    assertThat(after)
        .as("the problem's end is announced, besides the applied change")
        .anyMatch(n -> n.type() == Notification.Type.FAILURE_RESOLVED);
  }

  @Test
  void driftIsReportedOnceWhenTheEnvironmentOnlyReports() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    agent.syncCommit().orElseThrow();
    aliases.put("live", "5"); // a hand change

    PassResult first = agent.sweepDrift().orElseThrow();
    PassResult second = agent.sweepDrift().orElseThrow();

    assertThat(outcomeOf(first)).isEqualTo(Outcome.DRIFT_REPORTED);
    assertThat(outcomeOf(second)).isEqualTo(Outcome.DRIFT_REPORTED);
    assertThat(aliases).containsEntry("live", "5");
    assertThat(chat.stream().filter(n -> n.type() == Notification.Type.DRIFT_APPEARED)).hasSize(1);
  }

  @Test
  void healsRespectTheMinimumGapOnTheInjectedClock() throws Exception {
    build(Duration.ofMinutes(10));
    commit("heal", "3", "Promote fn to 3");
    agent.syncCommit().orElseThrow();

    aliases.put("live", "5");
    assertThat(outcomeOf(agent.sweepDrift().orElseThrow())).isEqualTo(Outcome.HEALED);
    assertThat(aliases).containsEntry("live", "3");

    clock.advance(Duration.ofMinutes(4));
    aliases.put("live", "6");
    ResourceOutcome deferred = agent.sweepDrift().orElseThrow().outcomes().get(0);
    assertThat(deferred.outcome()).isEqualTo(Outcome.HEAL_DEFERRED);
    assertThat(deferred.detail()).isEqualTo("2026-11-30T09:10:00Z");
    assertThat(aliases).containsEntry("live", "6");

    clock.advance(Duration.ofMinutes(6));
    assertThat(outcomeOf(agent.sweepDrift().orElseThrow())).isEqualTo(Outcome.HEALED);
    assertThat(aliases).containsEntry("live", "3");
  }

  @Test
  void noWriteOnceLeadershipIsLost() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    leadership.set(Optional.of("the lease expired before it was renewed"));

    PassResult r = agent.syncCommit().orElseThrow();

    assertThat(outcomeOf(r)).isEqualTo(Outcome.FAILED);
    assertThat(r.outcomes().get(0).detail()).contains("lease expired");
    assertThat(aliases).doesNotContainKey("live");
    assertThat(r.settled()).isFalse();

    leadership.set(Optional.empty());
    assertThat(outcomeOf(agent.syncCommit().orElseThrow())).isEqualTo(Outcome.APPLIED);
  }

  @Test
  void aProbeFetchesGitAndChecksEveryAccountWithoutWriting() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");

    agent.probe();

    assertThat(health.lastGitSuccess()).contains(clock.instant());
    assertThat(accountChecks.get()).isEqualTo(1);
    assertThat(aliases).isEmpty();
    assertThat(chat).isEmpty();
  }

  @Test
  void readinessWaitsForTheStartToBeWarmThenAStandbyOrALeaderIsReady() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    health.gitSucceeded();
    health.awsSucceeded();
    assertThat(health.notReadyBecause(Duration.ofHours(1)))
        .hasValueSatisfying(why -> assertThat(why).startsWith("warming up"));

    agent.syncCommit().orElseThrow(); // a commit pass: its reads and writes warmed the start
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(health.notReadyBecause(Duration.ofHours(1))).isEmpty());

    build(Duration.ofMinutes(10)); // a standby: ready once it could take over
    health.gitSucceeded();
    health.awsSucceeded();
    assertThat(health.notReadyBecause(Duration.ofHours(1))).isPresent();
    agent.probe();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(health.notReadyBecause(Duration.ofHours(1))).isEmpty());
  }

  @Test
  void afterARestartTheFirstIdlePollChecksAccountsSoReadinessDoesNotWaitForASweep()
      throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    agent.syncCommit().orElseThrow();
    int before = accountChecks.get();

    build(Duration.ofMinutes(10)); // a new process on the same work dir
    assertThat(agent.syncCommit()).as("nothing new to apply").isEmpty();

    assertThat(accountChecks.get()).isGreaterThan(before);
    assertThat(aliases).containsEntry("live", "3");
    List<Notification> none = new ArrayList<>(chat);
    assertThat(none).hasSize(1); // only the first process's promotion
  }

  @Test
  void aPointerRemovedFromGitIsToldOnceAndLeftAsItIsLive() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    repo.write(
        "prod/canary.yaml",
        """
        apiVersion: pointsman.dev/v1
        kind: LambdaAlias
        metadata: {name: canary}
        spec: {functionName: fn, alias: canary, version: 2}
        """);
    repo.commit("Add a canary alias");
    agent.syncCommit().orElseThrow();
    assertThat(aliases).containsEntry("canary", "2");

    Files.delete(tmp.resolve("repo/prod/canary.yaml"));
    repo.commit("Stop managing the canary alias");
    agent.syncCommit().orElseThrow();

    assertThat(aliases).as("never deleted").containsEntry("canary", "2");
    List<Notification> released =
        chat.stream().filter(n -> n.type() == Notification.Type.RELEASED).toList();
    assertThat(released)
        .singleElement()
        .satisfies(
            n -> assertThat(n.facts().get(0).name()).isEqualTo("prod LambdaAlias fn/canary"));
    assertThat(agent.syncCommit()).isEmpty();
    assertThat(chat.stream().filter(n -> n.type() == Notification.Type.RELEASED)).hasSize(1);
  }
}
