package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.drift.DriftStore;
import dev.pointsman.drift.DriftTracker;
import dev.pointsman.drift.HealGate;
import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import dev.pointsman.it.GitFixture;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notification;
import dev.pointsman.notify.Notifier;
import dev.pointsman.outcome.Outcome;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.outcome.ResourceOutcome;
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.status.Health;
import dev.pointsman.status.StatusBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's decisions on an injected clock, with a real Git repository and an in-memory stand-in
 * for one kind's AWS API (a fake of our own reader and applier interfaces).
 */
class AgentTest {
  @TempDir Path tmp;

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-30T09:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final List<Notification> chat = new CopyOnWriteArrayList<>();
  private final AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
  private final AtomicInteger accountChecks = new AtomicInteger();
  private final AtomicReference<Optional<String>> leadership =
      new AtomicReference<>(Optional.empty());
  private final ExecutorService readers = Reconciler.readerPool();
  private GitFixture repo;
  private GitSource git;
  private Health health;
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    repo = new GitFixture(tmp.resolve("repo"));
    git =
        new GitSource(
            new GitSettings(
                repo.url(),
                Optional.empty(),
                tmp.resolve("work"),
                Optional.empty(),
                Optional.empty()));
  }

  @AfterEach
  void stop() {
    readers.shutdownNow();
    git.close();
    repo.close();
  }

  private void build(Duration healGap) {
    KindModule<LambdaAlias, LambdaAliasObservation> module =
        new KindModule<>(
            LambdaAlias.class,
            (env, desired) -> {
              if (readFailure.get() != null) throw readFailure.get();
              Map<ResourceId, Observed<LambdaAliasObservation>> live = new HashMap<>();
              for (LambdaAlias d : desired) {
                String v = aliases.get(d.alias());
                Optional<LiveLambdaAlias> alias =
                    Optional.ofNullable(v)
                        .map(
                            x ->
                                new LiveLambdaAlias(
                                    d.functionName(), d.alias(), x, Optional.empty(), "r"));
                Map<String, Optional<String>> versions = new HashMap<>();
                for (int i = 1; i <= 9; i++) versions.put(String.valueOf(i), Optional.of("c2hh"));
                live.put(d.id(), Observed.ok(new LambdaAliasObservation(alias, versions)));
              }
              return live;
            },
            new LambdaAliasDiffer(),
            (env, d, observed, change) -> {
              aliases.put(d.alias(), d.version());
              return ApplyResult.done(
                  change,
                  observed.alias().isPresent()
                      ? ApplyResult.Outcome.UPDATED
                      : ApplyResult.Outcome.CREATED);
            });
    Reconciler reconciler =
        new Reconciler(
            env -> {
              accountChecks.incrementAndGet();
              return Optional.empty();
            },
            (env, refs) -> Map.of(),
            List.of(module),
            readers);
    Pass pass =
        new Pass(Kinds.manifestLoader(clock), reconciler, SignaturePolicy.NONE, leadership::get);
    health = new Health(clock);
    Notifier notifier = chat::add;
    agent =
        new Agent(
            new Agent.Settings(".", java.util.Set.of(), clock),
            new AgentParts(
                git,
                pass,
                new StateStore(tmp.resolve("work")),
                new DriftTracker(new DriftStore(tmp.resolve("work")), clock),
                new HealGate(clock, healGap),
                notifier,
                new Messages(repo.url()),
                new StatusBoard(),
                new Metrics(),
                health,
                new RolloutStore(tmp.resolve("work"))));
  }

  private void commit(String drift, String version, String message) throws Exception {
    repo.write(
            "prod/environment.yaml",
            """
            apiVersion: pointsman.dev/v1
            kind: Environment
            metadata: {name: prod}
            spec: {region: eu-west-1, accountId: "123456789012", drift: %s}
            """
                .formatted(drift))
        .write(
            "prod/fn.yaml",
            """
            apiVersion: pointsman.dev/v1
            kind: LambdaAlias
            metadata: {name: fn}
            spec: {functionName: fn, alias: live, version: %s}
            """
                .formatted(version));
    repo.commit(message);
  }

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
