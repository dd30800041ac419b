package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.model.Commit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A push announced while the loop is busy with a slice (of a drift sweep or a catch-up) is fetched
 * at once on a thread of its own, so that the fetch runs while the slice gives way; the loop's next
 * fetch then takes that result instead of fetching again. Only a fetch that began after the newest
 * push is taken: it brought the branch head as of that push or later, never an older commit.
 */
final class Prefetch {
  private final GitSource git;
  private final AtomicLong pushes = new AtomicLong();
  // One thread at most, gone when idle: most pushes find the loop idle and fetch on it.
  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(
          0,
          1,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "git-prefetch");
            t.setDaemon(true);
            return t;
          });

  private record Started(long push, Future<Commit> fetch) {}

  private volatile Started started;

  Prefetch(GitSource git) {
    this.git = git;
  }

  /** A push was announced; {@code busy}: the loop is in a slice, so fetch now, beside it. */
  void pushed(boolean busy) {
    long push = pushes.incrementAndGet();
    if (busy) started = new Started(push, thread.submit(git::sync));
  }

  /** True when a fetch begun for a push has ended and not been taken yet. */
  boolean fetched() {
    Started s = started;
    return s != null && s.fetch().isDone();
  }

  /**
   * The branch head: what a fetch begun after the newest push brought (waited for), or else a fetch
   * now.
   */
  Commit sync() throws GitException {
    Started s = started;
    started = null;
    if (s != null && s.push() == pushes.get()) {
      try {
        return s.fetch().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitException("interrupted while fetching", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GitException g) throw g;
        // anything else: fetch here, and let it fail here if it must
      }
    }
    return git.sync();
  }
}
