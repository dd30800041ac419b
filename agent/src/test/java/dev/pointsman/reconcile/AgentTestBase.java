package dev.pointsman.reconcile;

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
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.status.Health;
import dev.pointsman.status.StatusBoard;
import dev.pointsman.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent's unit tests stand on: an injected clock, a real Git repository, and an in-memory
 * stand-in for one kind's AWS API (a fake of our own reader and applier interfaces), keyed by alias
 * name.
 */
abstract class AgentTestBase {
  @TempDir Path tmp;

  final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T09:00:00Z"));
  final Map<String, String> aliases = new ConcurrentHashMap<>();
  final List<Notification> chat = new CopyOnWriteArrayList<>();
  final AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
  final AtomicInteger accountChecks = new AtomicInteger();

  /** How many aliases each read call was asked for. */
  final List<Integer> readSizes = new CopyOnWriteArrayList<>();

  /** How many times each alias was read. */
  final Map<String, Integer> readsOf = new ConcurrentHashMap<>();

  final AtomicReference<Optional<String>> leadership = new AtomicReference<>(Optional.empty());
  final ExecutorService readers = Reconciler.readerPool();
  GitFixture repo;
  GitSource git;
  Health health;
  Agent agent;

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
    if (agent != null) agent.stop(Duration.ofSeconds(30)); // the warm start writes under tmp
    readers.shutdownNow();
    git.close();
    repo.close();
  }

  /**
   * A new agent on the work dir; one built before is stopped first, as a restarted process's was
   * (its warm start writes under tmp, and must not race the next agent or the test's clean-up).
   */
  void build(Duration healGap) {
    if (agent != null) agent.stop(Duration.ofSeconds(30));
    KindModule<LambdaAlias, LambdaAliasObservation> module =
        new KindModule<>(
            LambdaAlias.class,
            (env, desired) -> {
              if (readFailure.get() != null) throw readFailure.get();
              readSizes.add(desired.size());
              Map<ResourceId, Observed<LambdaAliasObservation>> live = new HashMap<>();
              for (LambdaAlias d : desired) {
                readsOf.merge(d.alias(), 1, Integer::sum);
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
            new Agent.Settings(".", Set.of(), clock),
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

  void commit(String drift, String version, String message) throws Exception {
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
}
