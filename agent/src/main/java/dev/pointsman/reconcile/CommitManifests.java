package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.model.Commit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated manifests of a commit, remembered for the last commit asked for: the drift sweep
 * visits the live commit slice by slice, and a commit never changes. Loading a new commit parses
 * only files whose content changed (see {@link ManifestLoader}).
 */
final class CommitManifests {
  private static final Logger log = LoggerFactory.getLogger(CommitManifests.class);

  private final GitSource git;
  private final Pass pass;
  private final String path;
  private final Metrics metrics;
  private String sha;
  private LoadResult loaded;

  CommitManifests(GitSource git, Pass pass, String path, Metrics metrics) {
    this.git = git;
    this.pass = pass;
    this.path = path;
    this.metrics = metrics;
  }

  LoadResult of(Commit commit) throws GitException {
    if (commit.sha().equals(sha)) return loaded;
    LoadResult result = pass.load(git.files(commit.sha(), path));
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
}
