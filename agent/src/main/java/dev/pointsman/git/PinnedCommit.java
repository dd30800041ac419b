package dev.pointsman.git;

import dev.pointsman.model.Commit;

/**
 * A commit fetched from any ref of the remote (a pull request's head, another branch) and kept in
 * the clone until closed: its private ref keeps its objects reachable through a concurrent {@link
 * GitSource#tidy} (which drops what no ref reaches), and closing deletes the ref, so refs do not
 * pile up with every pull request.
 */
public final class PinnedCommit implements AutoCloseable {
  private final Commit commit;
  private final Runnable unpin;

  PinnedCommit(Commit commit, Runnable unpin) {
    this.commit = commit;
    this.unpin = unpin;
  }

  public Commit commit() {
    return commit;
  }

  @Override
  public void close() {
    unpin.run();
  }
}
