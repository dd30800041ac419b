package dev.pointsman.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  @TempDir Path workdir;

  @Test
  void aPassOverAFleetIsRecordedAndSavedOnceAndReadBackAfterARestart() throws Exception {
    Instant at = Instant.parse("2026-11-30T09:00:00Z");
    Map<String, List<String>> serving = new HashMap<>();
    for (int i = 0; i < 3000; i++)
      serving.put(Ledger.key("prod", "LambdaAlias", "fn-" + i), List.of("fn-" + i + ":7"));
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
}
