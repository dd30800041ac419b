package dev.pointsman.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiveRehearsalTest {
  @TempDir Path tmp;

  @Test
  void aRehearsalFetchesTwoCommitsAndLeavesNothingBehindNorWhatAStopLeft() throws Exception {
    Path parent = tmp.resolve("repos");
    Files.createDirectories(parent.resolve("rehearsal-123/objects")); // a stop cut one short
    // The second fetch brought the second commit on top of the first, and the diff between them
    // found the edited file.
    assertThat(ReceiveRehearsal.run(parent, 2, () -> true).read()).isEqualTo(1);
    assertThat(ReceiveRehearsal.run(parent, 2, () -> true).read()).isEqualTo(1);
    assertEmpty(parent);
  }

  @Test
  void roundsFetchUntilTheCountAskingBeforeEachAndStopWhenNoLongerIdle() throws Exception {
    Path parent = tmp.resolve("repos");
    AtomicInteger asked = new AtomicInteger();
    var all = ReceiveRehearsal.run(parent, 12, () -> asked.incrementAndGet() > 0);
    assertThat(all).isEqualTo(new ReceiveRehearsal.Result(1, 12));
    assertThat(asked).hasValue(10); // before each round after the first two fetches
    assertEmpty(parent);

    // A push arrived (or the agent stops) after three rounds: no fourth.
    asked.set(0);
    var cut = ReceiveRehearsal.run(parent, 12, () -> asked.incrementAndGet() <= 3);
    assertThat(cut).isEqualTo(new ReceiveRehearsal.Result(1, 5));
    assertEmpty(parent);
  }

  private static void assertEmpty(Path parent) throws Exception {
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
  }
}
