package dev.pointsman.git;

import java.io.IOException;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/**
 * How the clone is packed: by {@link GitSource#tidy} alone, when the agent is idle. JGit would
 * otherwise pack it after a fetch on a thread of its own, beside the promotion that fetched, and
 * keep the replaced packs an hour (for readers in other processes: this clone has none), so that
 * past 50 packs every fetch started another full repack. Objects no ref reaches (pull requests
 * previewed and merged by squash, commits a force push left) go at once too: JGit keeps them two
 * weeks by default, loose, and 2000 previewed pull requests' commits made every fetch 12 ms slower
 * and each packing 80 ms slower ({@code bench/commit-path} with {@code -Dpreviews=2000}). What is
 * read while no ref reaches it is pinned ({@link GitSource#pin}); a diff from a commit that is gone
 * reads every file instead.
 */
final class CloneGc {
  private static final Map<String, String> CONFIG =
      Map.of("auto", "0", "autoPackLimit", "0", "prunePackExpire", "now", "pruneExpire", "now");

  private CloneGc() {}

  /** Sets the {@code gc} section of {@code repo}'s config, saved when it changed. */
  static void configure(Repository repo) throws IOException {
    var config = repo.getConfig();
    boolean changed = false;
    for (Map.Entry<String, String> e : CONFIG.entrySet()) {
      if (!e.getValue().equals(config.getString("gc", null, e.getKey()))) {
        config.setString("gc", null, e.getKey(), e.getValue());
        changed = true;
      }
    }
    if (changed) config.save();
  }
}
