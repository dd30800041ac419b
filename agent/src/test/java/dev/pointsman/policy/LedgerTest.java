package dev.pointsman.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  @TempDir Path workdir;

  /** {@code n} prod aliases fn-0.. each served by its version {@code version}. */
  private static Map<String, List<String>> fleet(int n, int version) {
    Map<String, List<String>> serving = new HashMap<>();
    for (int i = 0; i < n; i++)
      serving.put(Ledger.key("prod", "LambdaAlias", "fn-" + i), List.of("fn-" + i + ":" + version));
    return serving;
  }

  @Test
  void aPassOverAFleetIsRecordedAndSavedOnceAndReadBackAfterARestart() throws Exception {
    Instant at = Instant.parse("2026-11-30T09:00:00Z");
    Map<String, List<String>> serving = fleet(3000, 7);
    Ledger ledger = new Ledger(workdir);
    ledger.live(serving, at);
    ledger.flush();
    Path file = workdir.resolve("ledger.json");
    assertThat(file).exists();
    long written = Files.getLastModifiedTime(file).toMillis();

    ledger.live(serving, at.plusSeconds(60)); // nothing new: not written again
    ledger.flush();
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(written);

    ledger.close();

    // Closed before the test ends: no save may still be writing when the folder is removed.
    try (Ledger restarted = new Ledger(workdir)) {
      String key = Ledger.key("prod", "LambdaAlias", "fn-2999");
      assertThat(restarted.servedBefore(key, "fn-2999:7")).isTrue();
      assertThat(restarted.servedFor(key, "fn-2999:7", at.plus(Duration.ofMinutes(30))))
          .contains(Duration.ofMinutes(30));

      // A pointer that moves on closes what served it before, in a batch as one by one.
      restarted.live(Map.of(key, List.of("fn-2999:8")), at.plus(Duration.ofMinutes(40)));
      assertThat(restarted.servedFor(key, "fn-2999:7", at.plus(Duration.ofHours(5))))
          .contains(Duration.ofMinutes(40));
    }
  }

  @Test
  void savesRunBehindTheCallerAndTheNewestStateIsWhatTheFileHoldsOnceClosed() {
    Ledger ledger = new Ledger(workdir);
    Instant at = Instant.parse("2026-11-30T09:00:00Z");
    String key = Ledger.key("prod", "LambdaAlias", "fn");
    for (int v = 1; v <= 50; v++) ledger.live(key, List.of("fn:" + v), at.plusSeconds(v));
    ledger.aborted(key, "fn:51", at.plusSeconds(51));
    ledger.close();
    assertThat(workdir.resolve("ledger.json.tmp")).doesNotExist();

    Ledger restarted = new Ledger(workdir);
    assertThat(restarted.servedFor(key, "fn:50", at.plusSeconds(60)))
        .contains(Duration.ofSeconds(10));
    assertThat(restarted.servedFor(key, "fn:49", at.plusSeconds(60)))
        .contains(Duration.ofSeconds(1));
    assertThat(restarted.lastAbort(key, "fn:51")).contains(at.plusSeconds(51));

    // Closed: a later record is saved on the caller's thread.
    ledger.live(key, List.of("fn:52"), at.plusSeconds(70));
    assertThat(new Ledger(workdir).servedBefore(key, "fn:52")).isTrue();
  }

  @Test
  void aPromotionAppendsALineAndLeavesTheFleetsLedgerJsonAsItWas() throws Exception {
    Instant at = Instant.parse("2026-12-01T09:00:00Z");
    Map<String, List<String>> serving = fleet(9600, 1);
    String key = Ledger.key("prod", "LambdaAlias", "fn-42");
    try (Ledger ledger = new Ledger(workdir)) {
      ledger.live(serving, at);
      ledger.flush();
      byte[] whole = Files.readAllBytes(workdir.resolve("ledger.json"));
      long journal = Files.size(workdir.resolve("ledger.json.journal"));

      ledger.live(Map.of(key, List.of("fn-42:2")), at.plusSeconds(60));
      ledger.flush();

      assertThat(Files.readAllBytes(workdir.resolve("ledger.json"))).isEqualTo(whole);
      assertThat(Files.size(workdir.resolve("ledger.json.journal")) - journal)
          .as("one line for one pointer")
          .isBetween(1L, 200L);
    }
    try (Ledger restarted = new Ledger(workdir)) {
      assertThat(restarted.servedFor(key, "fn-42:1", at.plusSeconds(600)))
          .contains(Duration.ofSeconds(60));
      assertThat(restarted.servedFor(key, "fn-42:2", at.plusSeconds(600)))
          .contains(Duration.ofSeconds(540));
    }
  }

  @Test
  void aRestartReadsWhatWasRecordedAcrossJournalsAndCompactions() throws Exception {
    Random random = new Random(20261201);
    Instant at = Instant.parse("2026-12-01T09:00:00Z");
    Ledger memory = Ledger.inMemory();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 40; i++) keys.add(Ledger.key("prod", "LambdaAlias", "fn-" + i));
    Ledger ledger = new Ledger(workdir);
    for (int step = 0; step < 3000; step++) {
      Instant when = at.plusSeconds(step);
      String key = keys.get(random.nextInt(keys.size()));
      String artifact = "v" + random.nextInt(8);
      if (random.nextInt(10) == 0) {
        memory.aborted(key, artifact, when);
        ledger.aborted(key, artifact, when);
      } else {
        List<String> serving =
            random.nextInt(4) == 0 ? List.of(artifact, "v" + random.nextInt(8)) : List.of(artifact);
        memory.live(Map.of(key, serving), when);
        ledger.live(Map.of(key, serving), when);
      }
      if (step % 700 == 699) { // a restart now and then, on what was saved
        ledger.close();
        ledger = new Ledger(workdir);
      }
    }
    ledger.close();

    try (Ledger restarted = new Ledger(workdir)) {
      Instant now = at.plusSeconds(4000);
      for (String key : keys) {
        for (int v = 0; v < 8; v++) {
          String a = "v" + v;
          assertThat(restarted.servedBefore(key, a)).isEqualTo(memory.servedBefore(key, a));
          assertThat(restarted.servedFor(key, a, now)).isEqualTo(memory.servedFor(key, a, now));
          assertThat(restarted.lastAbort(key, a)).isEqualTo(memory.lastAbort(key, a));
        }
      }
    }
    // Folded into ledger.json once as large as it (64 KiB at least), not grown for good; a save
    // may go past that by what it appends before the next one folds it.
    long whole = Files.size(workdir.resolve("ledger.json"));
    assertThat(Files.size(workdir.resolve("ledger.json.journal")))
        .as("the journal beside a %d-byte ledger.json", whole)
        .isLessThan(Math.max(64 * 1024, whole) + 16 * 1024);
  }

  @Test
  void aRecordCutShortByACrashLosesOnlyItselfAndTheNextSaveWritesEverything() throws Exception {
    Instant at = Instant.parse("2026-12-01T09:00:00Z");
    String a = Ledger.key("prod", "LambdaAlias", "a");
    String b = Ledger.key("prod", "LambdaAlias", "b");
    try (Ledger ledger = new Ledger(workdir)) {
      ledger.live(a, List.of("a:1"), at);
      ledger.live(b, List.of("b:1"), at.plusSeconds(1));
    }
    Path journal = workdir.resolve("ledger.json.journal");
    Files.writeString(journal, "{\"at\":\"2026-12-01T09:00:0", StandardOpenOption.APPEND);

    try (Ledger restarted = new Ledger(workdir)) {
      assertThat(restarted.servedBefore(a, "a:1")).isTrue();
      assertThat(restarted.servedBefore(b, "b:1")).isTrue();
      restarted.live(a, List.of("a:2"), at.plusSeconds(60));
    }
    try (Ledger again = new Ledger(workdir)) {
      assertThat(again.servedBefore(b, "b:1")).as("kept though the journal was cut").isTrue();
      assertThat(again.servedFor(a, "a:1", at.plusSeconds(600))).contains(Duration.ofSeconds(60));
      assertThat(again.servedBefore(a, "a:2")).isTrue();
    }
    assertThat(Files.readString(journal)).doesNotContain("09:00:0\n").hasLineCount(1);
  }

  @Test
  void aReadOnlyLedgerReadsWhatTheAgentSavedAndNeverWrites() throws Exception {
    Instant at = Instant.parse("2026-12-01T09:00:00Z");
    String key = Ledger.key("prod", "LambdaAlias", "fn");
    try (Ledger agent = new Ledger(workdir)) {
      agent.live(key, List.of("fn:1"), at);
      agent.aborted(key, "fn:2", at.plusSeconds(5));
    }
    Map<String, byte[]> before = files();

    Ledger plan = Ledger.readOnly(workdir);

    assertThat(plan.servedBefore(key, "fn:1")).isTrue();
    assertThat(plan.lastAbort(key, "fn:2")).contains(at.plusSeconds(5));
    assertThatThrownBy(() -> plan.live(key, List.of("fn:3"), at.plusSeconds(9)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> plan.aborted(key, "fn:3", at.plusSeconds(9)))
        .isInstanceOf(IllegalStateException.class);
    plan.close();
    Map<String, byte[]> after = files();
    assertThat(after).containsOnlyKeys(before.keySet());
    before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
  }

  private Map<String, byte[]> files() throws Exception {
    Map<String, byte[]> found = new HashMap<>();
    try (var list = Files.list(workdir)) {
      for (Path p : list.toList()) found.put(p.getFileName().toString(), Files.readAllBytes(p));
    }
    return found;
  }
}
