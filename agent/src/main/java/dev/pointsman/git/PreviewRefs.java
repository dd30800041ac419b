package dev.pointsman.git;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * The clone's private refs for commits fetched from other refs than the followed branch (pull
 * request previews, {@code plan --ref}). Each fetch gets a ref of its own, deleted when its {@link
 * PinnedCommit} closes, so that what only a preview needed becomes unreachable and goes at the next
 * packing (earlier versions kept one ref per pull request for good, and with it every commit ever
 * previewed). Callers hold the {@link GitSource}'s lock.
 */
final class PreviewRefs {
  static final String PREFIX = "refs/pointsman/preview/";

  private final String process = Long.toHexString(new SecureRandom().nextLong() >>> 1);
  private long count; // like the set, only touched under the GitSource's lock
  private final Set<String> pinned = new HashSet<>();

  /** A new ref name, counted as pinned until {@link #unpin}. */
  String pin() {
    String ref = PREFIX + process + "-" + ++count;
    pinned.add(ref);
    return ref;
  }

  /**
   * Deletes {@code ref}. A ref that cannot be deleted now (a lock held by a packing) is no longer
   * pinned, so the next {@link #sweep} deletes it.
   */
  void unpin(Repository repo, String ref) {
    pinned.remove(ref);
    try {
      RefUpdate delete = repo.updateRef(ref);
      delete.setForceUpdate(true);
      delete.delete();
    } catch (IOException leftForTheSweep) {
      // swept at the next tidy
    }
  }

  /**
   * Deletes every preview ref no open {@link PinnedCommit} of this process holds: those a crash
   * left, and those earlier versions of the agent kept for good. (The clone is one process's: a
   * {@code plan --ref} run by another process on the same work dir is not protected.)
   */
  void sweep(Repository repo) throws IOException {
    BatchRefUpdate batch = repo.getRefDatabase().newBatchUpdate().setAllowNonFastForwards(true);
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(PREFIX)) {
      if (pinned.contains(ref.getName()) || ref.getObjectId() == null) continue;
      batch.addCommand(new ReceiveCommand(ref.getObjectId(), ObjectId.zeroId(), ref.getName()));
    }
    if (batch.getCommands().isEmpty()) return;
    // A ref it could not delete (a lock held) is tried again at the next tidy; packing goes on.
    try (RevWalk walk = new RevWalk(repo)) {
      batch.execute(walk, NullProgressMonitor.INSTANCE);
    }
  }
}
