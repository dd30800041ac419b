package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.model.Commit;
import dev.pointsman.model.FileChange;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated manifests of a commit, remembered for the last commit asked for: the drift sweep
 * visits the live commit slice by slice, and a commit never changes. The next commit is read as
 * what it changed since that one (a diff of the two trees): only the changed files are read, parsed
 * and validated, and checked against the rest of their environment (see {@link
 * ManifestLoader#update}); anything unusual falls back to reading the whole commit.
 */
final class CommitManifests {
  private static final Logger log = LoggerFactory.getLogger(CommitManifests.class);

  private final GitSource git;
  private final Pass pass;
  private final String path;
  private final Metrics metrics;
  private String sha;
  private LoadResult loaded;
  private Diff diff;

  /** The files that differ between two commits, as found by the last diff. */
  private record Diff(String from, String to, Set<String> files) {}

  CommitManifests(GitSource git, Pass pass, String path, Metrics metrics) {
    this.git = git;
    this.pass = pass;
    this.path = path;
    this.metrics = metrics;
  }

  LoadResult of(Commit commit) throws GitException {
    if (commit.sha().equals(sha)) return loaded;
    Optional<LoadResult> patched = Optional.empty();
    if (sha != null) {
      try {
        List<FileChange> changes = git.changes(sha, commit.sha(), path);
        Set<String> files = new HashSet<>();
        changes.forEach(c -> files.add(c.path()));
        diff = new Diff(sha, commit.sha(), files);
        patched = pass.update(loaded, changes);
      } catch (GitException e) { // the previous commit is gone (a force push, say): read it all
        log.info(
            "commit {}: no diff from {} ({}); reading every file",
            commit.shortSha(),
            sha,
            e.getMessage());
      }
    }
    LoadResult result =
        patched.isPresent() ? patched.get() : pass.load(git.files(commit.sha(), path));
    ManifestLoader.Stats stats = pass.loadStats();
    metrics.manifestsLoaded(stats.took(), stats.parsed(), stats.reused());
    log.info(
        "commit {}: {} manifest files validated in {} ms ({} parsed, {} unchanged)",
        commit.shortSha(),
        stats.files(),
        stats.took().toMillis(),
        stats.parsed(),
        stats.reused());
    sha = commit.sha();
    loaded = result;
    return result;
  }

  /**
   * Rehearses a promotion in the largest manifest file of {@code commit} (where a promotion costs
   * most to read), with its environment file, on a throwaway loader (see {@link
   * ManifestLoader#rehearse}), its edits after the first two made while {@code idle} says so. Safe
   * beside passes: it keeps nothing and reads Git under the source's lock, from blobs a load has
   * read already.
   *
   * @return the file rehearsed on (its size) and the edits patched in
   */
  ManifestLoader.Rehearsal rehearse(Commit commit, BooleanSupplier idle) throws GitException {
    ManifestLoader.Rehearsal r = pass.rehearse(git.files(commit.sha(), path), idle);
    // What a promotion's pass works out next from the two states: its scope, what that covers.
    for (int i = 1; i < r.states().size(); i++) {
      Pass.Scope scope =
          DocumentScope.of(
              Set.of(r.file()), Optional.of(r.states().get(i - 1)), r.states().get(i), Set.of());
      CatchUp.covered(r.states().get(i), Optional.of(scope), environment -> true);
    }
    return r;
  }

  /**
   * Files that differ between two commits, relative to the manifests path; the diff {@link #of}
   * made already when it loaded {@code to} after {@code from} (the usual case: a push on top of the
   * live commit).
   */
  Set<String> changedFiles(String from, String to) throws GitException {
    Diff last = diff;
    if (last != null && last.from().equals(from) && last.to().equals(to)) return last.files();
    return git.changedFiles(from, to, path);
  }
}
