package dev.pointsman.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.pointsman.model.Commit;
import dev.pointsman.model.FileChange;
import dev.pointsman.model.ManifestFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real repositories on disk, fetched over JGit's local and file:// transports. */
class GitSourceTest {
  @TempDir Path tmp;

  private Git repo() throws Exception {
    Git git =
        Git.init().setDirectory(tmp.resolve("origin").toFile()).setInitialBranch("main").call();
    write("deploy/prod/environment.yaml", "kind: Environment\n");
    write("README.md", "hello\n");
    commit(git, "First");
    return git;
  }

  private void write(String path, String text) throws Exception {
    Path f = tmp.resolve("origin").resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static String commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Alice", "alice@example.com");
    return git.commit()
        .setMessage(message + "\n\nbody")
        .setAuthor(who)
        .setCommitter(who)
        .call()
        .getName();
  }

  private GitSource source(String url, Optional<String> branch) {
    return new GitSource(
        new GitSettings(url, branch, tmp.resolve("work"), Optional.empty(), Optional.empty()));
  }

  @Test
  void followsTheDefaultBranchAndNamesTheCommit() throws Exception {
    try (Git git = repo();
        GitSource source = source(tmp.resolve("origin").toUri().toString(), Optional.empty())) {
      Commit first = source.sync();
      assertThat(first.author()).isEqualTo("Alice");
      assertThat(first.subject()).isEqualTo("First");
      assertThat(source.sync().sha()).as("unchanged remote, same commit").isEqualTo(first.sha());

      write("deploy/prod/orders.yaml", "kind: LambdaAlias\n");
      String second = commit(git, "Second");
      assertThat(source.sync().sha()).isEqualTo(second);
    }
  }

  @Test
  void followsANamedBranchFromAPlainPath() throws Exception {
    try (Git git = repo()) {
      git.checkout().setCreateBranch(true).setName("release").call();
      write("deploy/prod/orders.yaml", "on release\n");
      String release = commit(git, "Release only");
      git.checkout().setName("main").call();
      try (GitSource source = source(tmp.resolve("origin").toString(), Optional.of("release"))) {
        assertThat(source.sync().sha()).isEqualTo(release);
      }
    }
  }

  @Test
  void readsFilesOfTheCommitUnderThePathNotTheWorkingTree() throws Exception {
    try (Git git = repo();
        GitSource source = source(tmp.resolve("origin").toString(), Optional.empty())) {
      write("deploy/prod/uncommitted.yaml", "not committed\n");
      Commit c = source.sync();
      List<ManifestFile> files = source.files(c.sha(), "./deploy/");
      assertThat(files).extracting(ManifestFile::path).containsExactly("prod/environment.yaml");
      assertThat(new String(files.get(0).content(), StandardCharsets.UTF_8))
          .isEqualTo("kind: Environment\n");
    }
  }

  @Test
  void changesBetweenCommitsCarryTheNewContentOfEditedAndAddedFilesAndNameDeletedOnes()
      throws Exception {
    try (Git git = repo();
        GitSource source = source(tmp.resolve("origin").toString(), Optional.empty())) {
      write("deploy/prod/orders.yaml", "version: 1\n");
      write("deploy/prod/billing.yaml", "version: 1\n");
      String before = commit(git, "Two functions");
      write("deploy/prod/orders.yaml", "version: 2\n");
      write("deploy/prod/search.yaml", "version: 1\n");
      Files.delete(tmp.resolve("origin/deploy/prod/billing.yaml"));
      write("README.md", "outside the manifests path\n");
      git.rm().addFilepattern("deploy/prod/billing.yaml").call();
      String after = commit(git, "Edit, add, delete");
      source.sync();

      List<FileChange> changes = source.changes(before, after, "deploy");

      assertThat(changes)
          .extracting(FileChange::path, FileChange::existed, FileChange::deleted)
          .containsExactlyInAnyOrder(
              tuple("prod/orders.yaml", true, false),
              tuple("prod/search.yaml", false, false),
              tuple("prod/billing.yaml", true, true));
      assertThat(changes)
          .filteredOn(c -> c.path().equals("prod/orders.yaml"))
          .singleElement()
          .satisfies(
              c ->
                  assertThat(new String(c.file().get().content(), StandardCharsets.UTF_8))
                      .isEqualTo("version: 2\n"));
      assertThat(source.changedFiles(before, after, "deploy"))
          .containsExactlyInAnyOrder("prod/orders.yaml", "prod/search.yaml", "prod/billing.yaml");
      assertThat(source.changes(after, after, "deploy")).isEmpty();
    }
  }

  @Test
  void fetchesLeaveAPackEachUntilTidyPacksTheCloneIntoOneThatStillServesEveryCommit()
      throws Exception {
    try (Git git = repo();
        GitSource source = source(tmp.resolve("origin").toUri().toString(), Optional.empty())) {
      String first = source.sync().sha();
      assertThat(source.tidy()).as("nothing to do yet").isEmpty();
      String last = first;
      for (int i = 0; i <= GitSource.PACK_LIMIT; i++) {
        write("deploy/prod/orders.yaml", "version: " + i + "\n");
        commit(git, "Promote " + i);
        last = source.sync().sha();
      }
      // JGit's own gc after a fetch is off: the packs stay until the agent packs them, idle.
      assertThat(source.packs()).isGreaterThan(GitSource.PACK_LIMIT);

      assertThat(source.tidy()).isPresent();

      assertThat(source.packs()).isEqualTo(1);
      assertThat(source.files(first, "deploy"))
          .extracting(ManifestFile::path)
          .containsExactly("prod/environment.yaml");
      assertThat(source.changes(first, last, "deploy"))
          .singleElement()
          .satisfies(
              c ->
                  assertThat(new String(c.file().get().content(), StandardCharsets.UTF_8))
                      .isEqualTo("version: " + GitSource.PACK_LIMIT + "\n"));
      write("deploy/prod/orders.yaml", "version: after\n");
      String next = commit(git, "After the tidy");
      assertThat(source.sync().sha()).isEqualTo(next);
      assertThat(source.packs()).isEqualTo(2);
    }
  }

  @Test
  void aSymbolicLinkInAChangeIsRefusedToo() throws Exception {
    try (Git git = repo();
        GitSource source = source(tmp.resolve("origin").toString(), Optional.empty())) {
      String before = commit(git, "Nothing yet");
      Files.createSymbolicLink(
          tmp.resolve("origin/deploy/prod/secrets.yaml"), Path.of("/etc/passwd"));
      String after = commit(git, "Link out of the repo");
      source.sync();

      assertThat(source.changes(before, after, "deploy"))
          .singleElement()
          .satisfies(c -> assertThat(c.file().get().refusal()).isPresent());
    }
  }

  @Test
  void symbolicLinksAreRefusedNotFollowed() throws Exception {
    try (Git git = repo()) {
      Files.createSymbolicLink(
          tmp.resolve("origin/deploy/prod/secrets.yaml"), Path.of("/etc/passwd"));
      commit(git, "Link out of the repo");
      try (GitSource source = source(tmp.resolve("origin").toString(), Optional.empty())) {
        List<ManifestFile> files = source.files(source.sync().sha(), "deploy");
        assertThat(files)
            .filteredOn(f -> f.path().equals("prod/secrets.yaml"))
            .singleElement()
            .satisfies(
                f ->
                    assertThat(f.refusal())
                        .hasValueSatisfying(r -> assertThat(r).contains("symbolic links")));
      }
    }
  }

  @Test
  void anUnknownBranchOrUnreachableRemoteIsAClearErrorWithoutCredentials() throws Exception {
    try (Git git = repo();
        GitSource source = source(tmp.resolve("origin").toString(), Optional.of("nope"))) {
      assertThatThrownBy(source::sync)
          .isInstanceOf(GitException.class)
          .hasMessageContaining("branch nope");
    }
    try (GitSource source =
        source("https://user:s3cr3t-token@127.0.0.1:1/repo.git", Optional.empty())) {
      assertThatThrownBy(source::sync)
          .isInstanceOf(GitException.class)
          .hasMessageContaining("https://****@127.0.0.1:1/repo.git")
          .hasMessageNotContaining("s3cr3t-token");
    }
  }

  @Test
  void aServerThatStopsAnsweringFailsTheFetchAfterTheTimeoutInsteadOfHoldingItForEver()
      throws Exception {
    // Accepts the connection and reads the request, then never answers.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepting =
          new Thread(
              () -> {
                try (Socket s = silent.accept()) {
                  s.getInputStream().read(new byte[4096]);
                  Thread.sleep(60_000);
                } catch (IOException | InterruptedException e) {
                  // the test ended
                }
              });
      accepting.setDaemon(true);
      accepting.start();
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/repo.git";
      try (GitSource source =
          new GitSource(
              new GitSettings(
                  url,
                  Optional.of("main"),
                  tmp.resolve("work"),
                  Optional.empty(),
                  Optional.empty()),
              2)) {
        long start = System.nanoTime();
        assertThatThrownBy(source::sync)
            .isInstanceOf(GitException.class)
            .hasMessageContaining("cannot fetch branch main of " + url)
            .hasMessageContaining("(no answer from the server within 2 s)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      }
    }
  }
}
