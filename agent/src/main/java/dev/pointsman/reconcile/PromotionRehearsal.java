package dev.pointsman.reconcile;

import dev.pointsman.aws.ScriptedLoopback;
import dev.pointsman.aws.SdkModels;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.outcome.Outcome;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.outcome.ResourceOutcome;
import dev.pointsman.policy.Holds;
import dev.pointsman.policy.Ledger;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.MDC;

/**
 * A promotion rehearsed at warm start, touching nothing live: for each declared kind that has a
 * script, a pass built on throwaway parts (its own loader, reconciler and kind modules, their AWS
 * calls sent to a {@link ScriptedLoopback} that answers as AWS would for a pointer one version
 * behind) loads the kind's document in an environment of its own, reads, plans, goes through the
 * release gate (an in-memory ledger and holds) and applies. The first promotion after a start then
 * runs warm what only a promotion runs: the reader's path for a version not live yet, the gate, the
 * applier, the outcomes (before this, its reads and plan took 15 ms and its write 10–12 against
 * medians of 8; docs/benchmarks.md). What it logs meanwhile is dropped ({@link #QUIET}): no
 * "updated" line, no metric, no chat, no record in the work dir.
 */
public final class PromotionRehearsal {
  /** The MDC key set while rehearsing; {@link RehearsalLogFilter} drops what is logged then. */
  public static final String QUIET = "pointsman.rehearsal";

  /** The environment every rehearsal declares its document in (never a real one: not in Git). */
  public static final String ENVIRONMENT = "pointsman-rehearsal";

  /** Promotions rehearsed per kind at most, and for how long rounds after the first go on. */
  static final int ROUNDS = 40;

  static final Duration ROUNDS_WITHIN = Duration.ofSeconds(2);

  /**
   * A kind's promotion: the {@code spec} of its document in round {@code n} (in {@link
   * #ENVIRONMENT}; a version that differs each round, so that nothing is answered from a cache) and
   * AWS's answers to the calls a pass makes for it, the pointer one version behind.
   */
  public record Script(
      String kind, IntFunction<String> spec, List<ScriptedLoopback.Answer> answers) {
    public Script {
      answers = List.copyOf(answers);
    }
  }

  /** A pass on throwaway parts whose AWS calls go to one endpoint; {@code release} frees them. */
  public record Stage(Pass pass, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
      release.run();
    }
  }

  /**
   * What a rehearsal did: promotions applied per kind, what went wrong (a stale script), and how
   * long it took.
   */
  public record Result(Map<String, Integer> promotions, List<String> problems, Duration took) {
    static final Result NONE = new Result(Map.of(), List.of(), Duration.ZERO);
  }

  /** Rehearses nothing (one-shot commands, tests that need no warm start). */
  public static final PromotionRehearsal NONE =
      new PromotionRehearsal(
          List.of(),
          uri -> {
            throw new IllegalStateException("no promotion rehearsal");
          },
          Clock.systemUTC());

  private final Map<String, Script> scripts = new TreeMap<>();
  private final Function<URI, Stage> stages;
  private final Clock clock;

  /** {@code stages}: a throwaway pass whose AWS calls go to the endpoint given. */
  public PromotionRehearsal(List<Script> scripts, Function<URI, Stage> stages, Clock clock) {
    scripts.forEach(s -> this.scripts.put(s.kind(), s));
    this.stages = stages;
    this.clock = clock;
  }

  /**
   * Rehearses a promotion of each of {@code kinds} that has a script, in rounds (up to {@link
   * #ROUNDS}, none begun after {@link #ROUNDS_WITHIN}, and after the first only while {@code
   * moreRounds} says so), each promotion after {@code busy} let it.
   */
  public Result run(Set<String> kinds, BooleanSupplier busy, BooleanSupplier moreRounds)
      throws IOException {
    List<Script> mine = kinds.stream().map(scripts::get).filter(Objects::nonNull).toList();
    if (mine.isEmpty()) return Result.NONE;
    List<ScriptedLoopback.Answer> answers = new ArrayList<>();
    mine.forEach(s -> answers.addAll(s.answers()));
    Map<String, Integer> promotions = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    Instant start = clock.instant();
    MDC.put(QUIET, "true");
    try (ScriptedLoopback aws = ScriptedLoopback.start(answers);
        Stage stage = stages.apply(aws.endpoint())) {
      ReleaseGate gate = new ReleaseGate(Ledger.inMemory(), Holds.inMemory(), clock, Set::of);
      Instant until = start.plus(ROUNDS_WITHIN);
      for (int round = 0; round < ROUNDS && problems.isEmpty(); round++) {
        if (round > 0 && (clock.instant().isAfter(until) || !moreRounds.getAsBoolean())) break;
        for (Script s : mine) {
          if (!SdkModels.idle(busy))
            return new Result(promotions, problems, Duration.between(start, clock.instant()));
          Optional<String> problem = promote(stage.pass(), gate, s, round);
          if (problem.isPresent()) problems.add(s.kind() + ": " + problem.get());
          else promotions.merge(s.kind(), 1, Integer::sum);
        }
      }
      aws.unanswered().forEach(r -> problems.add("no scripted answer to " + r));
    } finally {
      MDC.remove(QUIET);
    }
    return new Result(promotions, problems, Duration.between(start, clock.instant()));
  }

  /** One promotion of {@code s}'s pointer; what went wrong, if anything. */
  private Optional<String> promote(Pass pass, ReleaseGate gate, Script s, int round) {
    LoadResult load =
        pass.load(
            List.of(
                file(ENVIRONMENT + "/environment.yaml", environment()),
                file(ENVIRONMENT + "/" + s.kind() + ".yaml", document(s, round))));
    if (!load.valid()) return Optional.of("its document is rejected: " + load.errors());
    Commit commit =
        new Commit(
            "%040d".formatted(round),
            "pointsman",
            "warm-start rehearsal, nothing live",
            clock.instant());
    Evaluation evaluation = pass.evaluate(commit, load, Set.of(), Optional.empty());
    PassResult result = gate.apply(evaluation, commit).result();
    List<ResourceOutcome> outcomes = result.outcomes();
    if (outcomes.size() != 1 || outcomes.get(0).outcome() != Outcome.APPLIED)
      return Optional.of(
          "not applied: "
              + outcomes
              + (result.plan().errors().isEmpty() ? "" : " " + result.plan().errors()));
    return Optional.empty();
  }

  private static ManifestFile file(String path, String yaml) {
    return new ManifestFile(path, yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** The document of {@code s}'s pointer in round {@code n}. */
  private static String document(Script s, int n) {
    return """
        apiVersion: pointsman.dev/v1
        kind: %s
        metadata:
          name: rehearsal
        spec:
        %s"""
        .formatted(s.kind(), s.spec().apply(n).indent(2));
  }

  private static String environment() {
    return """
        apiVersion: pointsman.dev/v1
        kind: Environment
        metadata:
          name: %s
        spec:
          region: us-east-1
          accountId: "000000000000"
          drift: report
        """
        .formatted(ENVIRONMENT);
  }
}
