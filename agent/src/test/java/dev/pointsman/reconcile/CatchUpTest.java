package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pointsman.outcome.PassResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A pass over many resources is read in slices between pushes and applied whole at the end. */
class CatchUpTest extends AgentTestBase {
  private static final int FLEET = CatchUp.ABOVE + 36;

  private static final String ENVIRONMENT =
      """
      apiVersion: pointsman.dev/v1
      kind: Environment
      metadata: {name: prod}
      spec: {region: eu-west-1, accountId: "123456789012", drift: report}
      """;

  /** Alias {@code a<i>} of function {@code f<i>} at {@code version}, as a document. */
  private static String alias(int i, String version) {
    return """
        apiVersion: pointsman.dev/v1
        kind: LambdaAlias
        metadata: {name: a%d}
        spec: {functionName: f%d, alias: a%d, version: "%s"}
        """
        .formatted(i, i, i, version);
  }

  /**
   * Every alias {@code a<i>} (of function {@code f<i>}) at {@code version}, but those overridden.
   */
  private String fleet(String version, Map<Integer, String> overrides, String message)
      throws Exception {
    repo.write("prod/environment.yaml", ENVIRONMENT);
    for (int i = 0; i < FLEET; i++) {
      repo.write("prod/a%03d.yaml".formatted(i), alias(i, overrides.getOrDefault(i, version)));
    }
    return repo.commit(message);
  }

  /** The same fleet, every alias a document of one file, {@code prod/aliases.yaml}. */
  private String sharedFleet(String version, Map<Integer, String> overrides, String message)
      throws Exception {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < FLEET; i++) {
      all.append("---\n").append(alias(i, overrides.getOrDefault(i, version)));
    }
    repo.write("prod/environment.yaml", ENVIRONMENT).write("prod/aliases.yaml", all.toString());
    return repo.commit(message);
  }

  private int stepUntilDone() {
    int steps = 0;
    while (agent.catchingUp()) {
      agent.catchUpStep(() -> false);
      steps++;
      assertThat(steps).as("the catch-up ends").isLessThan(FLEET * 2);
    }
    return steps;
  }

  @Test
  void aWideFirstPassIsReadInSlicesAndAppliedWholeOnceAllAreRead() throws Exception {
    build(Duration.ofMinutes(10));
    for (int i = 0; i < FLEET; i++) aliases.put("a" + i, "1");
    String sha = fleet("2", Map.of(), "Fleet at 2");

    assertThat(agent.syncCommit()).as("nothing applied at once").isEmpty();
    assertThat(agent.catchingUp()).isTrue();
    assertThat(agent.syncCommit()).as("the same commit is not begun twice").isEmpty();
    agent.catchUpStep(() -> false);
    assertThat(aliases).as("nothing written before every slice is read").containsEntry("a0", "1");

    int steps = 1 + stepUntilDone();

    assertThat(steps).isEqualTo((int) Math.ceil(FLEET / (double) DriftSweep.SLICE_GROUPS));
    assertThat(readSizes).allMatch(n -> n <= DriftSweep.SLICE_GROUPS);
    assertThat(aliases.values()).hasSize(FLEET).containsOnly("2");
    assertThat(agent.live().map(c -> c.sha())).contains(sha);
    assertThat(agent.syncCommit()).as("settled: the next poll is idle").isEmpty();
    assertThat(agent.catchingUp()).isFalse();
  }

  @Test
  void aPushDuringACatchUpIsAppliedAtOnceAndTheRestFollowsTheNewerCommit() throws Exception {
    build(Duration.ofMinutes(10));
    for (int i = 0; i < FLEET; i++) aliases.put("a" + i, "1");
    fleet("2", Map.of(), "Fleet at 2");
    agent.syncCommit();
    for (int i = 0; i < 5; i++) agent.catchUpStep(() -> false);
    // a1 was read (and planned at 2) in an early slice; a90 not yet.
    String newer = fleet("2", Map.of(1, "3", FLEET - 10, "4"), "Promote two during the catch-up");

    PassResult push = agent.syncCommit().orElseThrow();

    assertThat(push.status()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(aliases).containsEntry("a1", "3").containsEntry("a" + (FLEET - 10), "4");
    assertThat(aliases).as("the rest is not applied yet").containsEntry("a2", "1");
    assertThat(agent.live()).as("not settled while the catch-up goes on").isEmpty();

    stepUntilDone();

    assertThat(aliases)
        .as("the newer commit's values are never overwritten by the older one's")
        .containsEntry("a1", "3")
        .containsEntry("a" + (FLEET - 10), "4")
        .containsEntry("a2", "2")
        .containsEntry("a" + (FLEET - 1), "2");
    assertThat(agent.live().map(c -> c.sha())).contains(newer);
  }

  /**
   * Pushes during a catch-up take resources out of the slices left instead of slicing the rest
   * again, in either layout: a document removed before it was read is never read, one added or
   * promoted is applied by the push's own pass and not read again, and every other is read once.
   */
  @Test
  void pushesDuringACatchUpLeaveEachResourceReadOnceAgainstTheNewestCommit() throws Exception {
    pushesDuringACatchUp(false);
  }

  @Test
  void pushesDuringACatchUpOfOneSharedFileLeaveEachResourceReadOnce() throws Exception {
    pushesDuringACatchUp(true);
  }

  /**
   * A catch-up of the fleet at the version live, three slices read, then one push: an alias read
   * already promoted, the next (not read yet) promoted, the one after it removed, a new one added
   * after them (in the shared file, these four documents are next to each other).
   */
  private void pushesDuringACatchUp(boolean shared) throws Exception {
    build(Duration.ofMinutes(10));
    for (int i = 0; i < FLEET; i++) aliases.put("a" + i, "2");
    Map<Integer, String> declared = new LinkedHashMap<>();
    for (int i = 0; i < FLEET; i++) declared.put(i, "2");
    layout(declared, shared, "Fleet at 2, as live");
    agent.syncCommit();
    for (int i = 0; i < 3; i++) agent.catchUpStep(() -> false);
    Set<String> readBefore = Set.copyOf(readsOf.keySet());
    int p = 1;
    while (!(readBefore.contains("a" + (p - 1))
        && !readBefore.contains("a" + p)
        && !readBefore.contains("a" + (p + 1)))) p++;
    int promoted = p;
    int earlier = promoted - 1;
    int removed = promoted + 1;
    Map<Integer, String> next = new LinkedHashMap<>();
    declared.forEach(
        (i, v) -> {
          if (i == earlier) next.put(i, "3");
          else if (i == promoted) {
            next.put(i, "4");
            next.put(FLEET, "5");
          } else if (i != removed) next.put(i, v);
        });
    String newer = layout(next, shared, "Promote two, remove one, add one");

    Logger logger = (Logger) LoggerFactory.getLogger(CatchUp.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    try {
      assertThat(agent.syncCommit().orElseThrow().status()).isEqualTo(PassResult.Status.APPLIED);
    } finally {
      logger.detachAppender(seen);
    }
    // Left: those not read yet, but the one the push applied and the one it removed.
    assertThat(seen.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(
            m ->
                m.endsWith(
                    ": %d resources left to read against it"
                        .formatted(FLEET - readBefore.size() - 2)));
    stepUntilDone();

    assertThat(agent.live().map(c -> c.sha())).as("settled on the newest").contains(newer);
    assertThat(aliases)
        .containsEntry("a" + earlier, "3")
        .containsEntry("a" + promoted, "4")
        .containsEntry("a" + FLEET, "5")
        .as("no longer declared: left alone")
        .containsEntry("a" + removed, "2");
    assertThat(readsOf)
        .as("removed before it was read: never read")
        .doesNotContainKey("a" + removed);
    assertThat(readsOf.get("a" + earlier)).as("read, then promoted by the push").isEqualTo(2);
    for (int i : next.keySet()) {
      if (i != earlier) assertThat(readsOf.get("a" + i)).as("a%d read once", i).isEqualTo(1);
    }
  }

  /** The aliases {@code declared} (index to version), one file each or all in one; committed. */
  private String layout(Map<Integer, String> declared, boolean shared, String message)
      throws Exception {
    Path folder = repo.dir().resolve("prod");
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.toList()) Files.delete(f);
      }
    }
    repo.write("prod/environment.yaml", ENVIRONMENT);
    StringBuilder all = new StringBuilder();
    for (Map.Entry<Integer, String> d : declared.entrySet()) {
      if (shared) all.append("---\n").append(alias(d.getKey(), d.getValue()));
      else repo.write("prod/a%03d.yaml".formatted(d.getKey()), alias(d.getKey(), d.getValue()));
    }
    if (shared) repo.write("prod/aliases.yaml", all.toString());
    return repo.commit(message);
  }

  @Test
  void anErrorInAnySliceRejectsTheWholeCommitAndWritesNothing() throws Exception {
    build(Duration.ofMinutes(10));
    for (int i = 0; i < FLEET; i++) aliases.put("a" + i, "1");
    // The stand-in knows versions 1 to 9: version 12 of the last alias does not exist.
    fleet("2", Map.of(FLEET - 1, "12"), "Fleet at 2, one at a version that does not exist");
    agent.syncCommit();

    stepUntilDone();

    assertThat(aliases.values()).as("a commit is applied whole or not at all").containsOnly("1");
    assertThat(agent.live()).isEmpty();
    // A plan error may pass (a version about to be published): the next poll reads again.
    assertThat(agent.syncCommit()).isEmpty();
    assertThat(agent.catchingUp()).isTrue();
    stepUntilDone();
    assertThat(aliases.values()).containsOnly("1");
  }

  /**
   * After a restart on a kept work directory, a commit merged while the agent was down that edits
   * one document of a file of many is planned for that document, as it would have been had the
   * agent been up: the live commit's declarations are loaded first.
   */
  @Test
  void aCommitMergedWhileTheAgentWasDownIsScopedToTheDocumentsItChanged() throws Exception {
    build(Duration.ofMinutes(10));
    for (int i = 0; i < FLEET; i++) aliases.put("a" + i, "1");
    String live = sharedFleet("2", Map.of(), "Fleet at 2, one file");
    agent.syncCommit();
    stepUntilDone();
    assertThat(agent.live().map(c -> c.sha())).contains(live);

    build(Duration.ofMinutes(10)); // a restart
    String promoted = sharedFleet("2", Map.of(7, "3"), "Promote a7 while the agent is down");
    readSizes.clear();

    PassResult r = agent.syncCommit().orElseThrow();

    assertThat(agent.catchingUp()).as("not a catch-up of the whole file").isFalse();
    assertThat(r.status()).isEqualTo(PassResult.Status.APPLIED);
    assertThat(readSizes).as("one read, of a7's function").containsExactly(1);
    assertThat(aliases).containsEntry("a7", "3").containsEntry("a8", "2");
    assertThat(agent.live().map(c -> c.sha())).contains(promoted);
  }

  @Test
  void aSmallFirstPassIsNotSliced() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    Optional<PassResult> r = agent.syncCommit();
    assertThat(r).isPresent();
    assertThat(agent.catchingUp()).isFalse();
  }

  /**
   * The fetch rehearsal makes no rounds beside a catch-up: a push during a new replica's first pass
   * would wait for the round running.
   */
  @Test
  void theWarmStartRehearsesTwoFetchesOnlyBesideACatchUp() throws Exception {
    build(Duration.ofMinutes(10));
    for (int i = 0; i < FLEET; i++) aliases.put("a" + i, "1");
    fleet("2", Map.of(), "Fleet at 2");
    String wide =
        warmStartLine(
            () -> {
              agent.syncCommit(() -> true); // a push waits: the warm start waits too
              assertThat(agent.catchingUp()).isTrue();
              agent.syncCommit(); // the push came; the catch-up goes on
            });
    assertThat(wide).contains("warm start: 2 fetch(es)");
  }

  @Test
  void theWarmStartRehearsesFetchesInRoundsBesideAPassThatIsNotACatchUp() throws Exception {
    build(Duration.ofMinutes(10));
    commit("report", "3", "Promote fn to 3");
    String narrow = warmStartLine(() -> assertThat(agent.syncCommit()).isPresent());
    assertThat(narrow).doesNotContain("warm start: 2 fetch(es)").contains("fetch(es)");
  }

  /** What the warm start logged when it ended, begun by {@code passes}. */
  private static String warmStartLine(Runnable passes) {
    Logger logger = (Logger) LoggerFactory.getLogger(WarmStart.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    try {
      passes.run();
      return await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                synchronized (seen) { // as the appender adds, on the warm start's thread
                  return seen.list.stream()
                      .map(ILoggingEvent::getFormattedMessage)
                      .filter(m -> m.startsWith("warm start"))
                      .findFirst();
                }
              },
              Optional::isPresent)
          .orElseThrow();
    } finally {
      logger.detachAppender(seen);
    }
  }
}
