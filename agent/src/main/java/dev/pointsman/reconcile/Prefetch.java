package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.model.Commit;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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

  /** What a fetch brought, and the newest push announced when it began. */
  private record Fetched(long push, Commit commit) {}

  private volatile Future<Fetched> latest;

  Prefetch(GitSource git) {
    this.git = git;
  }

  /**
   * A push was announced; {@code busy}: the loop is in a slice, so fetch now, beside it. A fetch
   * already waiting to begin serves this push too (it reads the branch head when it begins): a
   * burst of pushes during a slice costs one fetch running and one waiting, not one each.
   */
  void pushed(boolean busy) {
    pushes.incrementAndGet();
    if (busy && thread.getQueue().isEmpty()) {
      try {
        latest = thread.submit(() -> new Fetched(pushes.get(), git.sync()));
      } catch (RejectedExecutionException e) {
        // stopping (close): the loop's own fetch, if it makes another, serves the push
      }
    }
  }

  /** True when a fetch begun for a push has ended and not been taken yet. */
  boolean fetched() {
    Future<Fetched> f = latest;
    return f != null && f.isDone();
  }

  /**
   * The branch head: what a fetch begun after the newest push brought (waited for), or else a fetch
   * now.
   */
  Commit sync() throws GitException {
    Future<Fetched> f = latest;
    latest = null;
    if (f != null) {
      try {
        Fetched fetched = f.get();
        if (fetched.push() == pushes.get()) return fetched.commit();
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

  /**
   * Stops taking pushes and waits up to {@code within} for a fetch under way: not interrupted, so
   * that it never leaves a lock file or half a pack in the clone.
   */
  void close(Duration within) {
    thread.shutdown();
    try {
      thread.awaitTermination(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
