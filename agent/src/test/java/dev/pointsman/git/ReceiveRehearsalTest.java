package dev.pointsman.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(ReceiveRehearsal.run(parent)).isEqualTo(1);
    assertThat(ReceiveRehearsal.run(parent)).isEqualTo(1);
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
  }
}
