package dev.pointsman.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pointsman.model.ManifestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits of other refs (pull request heads) kept in the clone while pinned, and only then. */
class PinnedCommitTest {
  @TempDir Path tmp;

  private Git origin;
  private String feature;

  /** An origin with main and a branch {@code feature} one commit ahead, with a file main lacks. */
  private GitSource source() throws Exception {
    origin =
        Git.init().setDirectory(tmp.resolve("origin").toFile()).setInitialBranch("main").call();
    write("deploy/prod/environment.yaml", "kind: Environment\n");
    commit("First");
    origin.checkout().setCreateBranch(true).setName("feature").call();
    write("deploy/prod/orders.yaml", "on the feature branch\n");
    feature = commit("Feature");
    origin.checkout().setName("main").call();
    return new GitSource(
        new GitSettings(
            tmp.resolve("origin").toUri().toString(),
            Optional.of("main"),
            tmp.resolve("work"),
            Optional.empty(),
            Optional.empty()));
  }

  private void write(String path, String text) throws Exception {
    Path f = tmp.resolve("origin").resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private String commit(String message) throws Exception {
    origin.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Alice", "alice@example.com");
    return origin.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
  }

  /** The agent's bare clone under the work dir. */
  private Path cloneDir() throws Exception {
    try (Stream<Path> dirs = Files.list(tmp.resolve("work/repos"))) {
      return dirs.findFirst().orElseThrow();
    }
  }

  /** The preview refs of the clone, read by a repository of its own, as another process would. */
  private List<String> previewRefs() throws Exception {
    try (Git git = Git.open(cloneDir().toFile())) {
      return git.getRepository().getRefDatabase().getRefsByPrefix(PreviewRefs.PREFIX).stream()
          .map(Ref::getName)
          .toList();
    }
  }

  private List<String> files(GitSource source, String sha) throws Exception {
    return source.files(sha, "deploy").stream().map(ManifestFile::path).toList();
  }

  @Test
  void aPinnedCommitIsReadableUntilClosedAndLeavesNoRefBehind() throws Exception {
    try (GitSource source = source()) {
      source.sync();
      try (PinnedCommit pinned = source.pin("feature")) {
        assertThat(pinned.commit().sha()).isEqualTo(feature);
        assertThat(pinned.commit().subject()).isEqualTo("Feature");
        assertThat(files(source, feature)).contains("prod/orders.yaml");
        assertThat(previewRefs()).hasSize(1);
      }
      assertThat(previewRefs()).isEmpty();

      try (PinnedCommit a = source.pin("refs/heads/feature");
          PinnedCommit b = source.pin("refs/heads/feature")) {
        assertThat(previewRefs()).as("a ref per pin, even of the same ref").hasSize(2);
        a.close();
        assertThat(previewRefs()).hasSize(1);
        assertThat(b.commit().sha()).isEqualTo(feature);
      }
      assertThat(previewRefs()).isEmpty();
    }
  }

  @Test
  void aRefTheRemoteLacksIsAClearErrorAndLeavesNoRef() throws Exception {
    try (GitSource source = source()) {
      source.sync();
      assertThatThrownBy(() -> source.pin("refs/pull/7/head"))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("refs/pull/7/head");
      assertThatThrownBy(() -> source.pin("../main"))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("not a ref name");
      assertThat(previewRefs()).isEmpty();
    }
  }

  @Test
  void tidyDeletesLeftOverPreviewRefsButNotThoseOfOpenPins() throws Exception {
    try (GitSource source = source()) {
      String main = source.sync().sha();
      // As earlier versions left them: one for good per pull request ever previewed.
      try (Git git = Git.open(cloneDir().toFile())) {
        Repository repo = git.getRepository();
        for (String ref : List.of("pull/1/head", "pull/2/head", "heads/main")) {
          RefUpdate create = repo.updateRef(PreviewRefs.PREFIX + ref);
          create.setNewObjectId(repo.resolve(main));
          assertThat(create.update()).isEqualTo(RefUpdate.Result.NEW);
        }
      }
      assertThat(previewRefs()).hasSize(3);

      try (PinnedCommit pinned = source.pin("feature")) {
        assertThat(source.tidy()).as("one pack: nothing to pack").isEmpty();
        assertThat(previewRefs()).hasSize(1);
        assertThat(files(source, pinned.commit().sha())).contains("prod/orders.yaml");
      }
      assertThat(previewRefs()).isEmpty();
    }
  }

  @Test
  void aPinnedCommitOutsideTheFollowedBranchSurvivesPackingTheClone() throws Exception {
    try (GitSource source = source()) {
      source.sync();
      try (PinnedCommit pinned = source.pin("feature")) {
        for (int i = 0; i <= GitSource.PACK_LIMIT; i++) {
          write("deploy/prod/payments.yaml", "version: " + i + "\n");
          commit("Promote " + i);
          source.sync();
        }
        // The clone drops what no ref reaches when it is packed: the pin's ref is what keeps it.
        assertThat(source.tidy()).as("packed").isPresent();
        assertThat(source.packs()).isEqualTo(1);

        assertThat(files(source, pinned.commit().sha()))
            .containsExactly("prod/environment.yaml", "prod/orders.yaml");
      }
    }
  }

  @Test
  void whatOnlyAClosedPinReachedIsDroppedAtTheNextPacking() throws Exception {
    try (GitSource source = source()) {
      source.sync();
      try (PinnedCommit pinned = source.pin("feature")) {
        assertThat(source.commit(feature).subject()).isEqualTo(pinned.commit().subject());
      }
      for (int i = 0; i <= GitSource.PACK_LIMIT; i++) {
        write("deploy/prod/payments.yaml", "version: " + i + "\n");
        commit("Promote " + i);
        source.sync();
      }
      assertThat(source.tidy()).as("packed").isPresent();

      // Not kept two weeks as loose objects (JGit's default), each looked through by every fetch.
      assertThatThrownBy(() -> source.commit(feature)).isInstanceOf(GitException.class);
      Path clone = cloneDir();
      try (Stream<Path> loose = Files.walk(clone.resolve("objects"))) {
        assertThat(loose.filter(Files::isRegularFile).map(p -> clone.relativize(p).toString()))
            .allMatch(p -> p.startsWith("objects/pack/") || p.startsWith("objects/info/"));
      }
    }
  }
}
