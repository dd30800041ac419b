package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push announced during a slice is fetched beside it; the loop takes that fetch only if fresh.
 */
class PrefetchTest {
  @TempDir Path tmp;

  private String commit(Git git, String file) throws Exception {
    Files.writeString(tmp.resolve("origin").resolve(file), file + "\n");
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Alice", "alice@example.com");
    return git.commit().setMessage(file).setAuthor(who).setCommitter(who).call().getName();
  }

  private GitSource source() {
    return new GitSource(
        new GitSettings(
            tmp.resolve("origin").toUri().toString(),
            Optional.empty(),
            tmp.resolve("work"),
            Optional.empty(),
            Optional.empty()));
  }

  @Test
  void theLoopTakesTheFetchBegunForTheNewestPushInsteadOfFetchingAgain() throws Exception {
    try (Git git = Git.init().setDirectory(tmp.resolve("origin").toFile()).call();
        GitSource source = source()) {
      commit(git, "a.yaml");
      source.sync();
      Prefetch prefetch = new Prefetch(source);

      String announced = commit(git, "b.yaml");
      prefetch.pushed(true); // fetched at once, beside the slice
      while (!prefetch.fetched()) Thread.sleep(5);
      String unannounced = commit(git, "c.yaml");

      // The prefetch's result, not a fetch now (which would bring the unannounced commit).
      assertThat(prefetch.sync().sha()).isEqualTo(announced);
      // Taken once: the next sync fetches.
      assertThat(prefetch.sync().sha()).isEqualTo(unannounced);
    }
  }

  @Test
  void aFetchBegunBeforeANewerPushIsNotTakenNorIsOneWhenTheLoopWasIdle() throws Exception {
    try (Git git = Git.init().setDirectory(tmp.resolve("origin").toFile()).call();
        GitSource source = source()) {
      commit(git, "a.yaml");
      source.sync();
      Prefetch prefetch = new Prefetch(source);

      commit(git, "b.yaml");
      prefetch.pushed(true);
      String newer = commit(git, "c.yaml");
      prefetch.pushed(false); // announced while the loop was idle: no fetch beside it
      assertThat(prefetch.sync().sha()).as("never an older commit").isEqualTo(newer);

      String idle = commit(git, "d.yaml");
      prefetch.pushed(false);
      assertThat(prefetch.sync().sha()).isEqualTo(idle);
    }
  }
}
