package dev.pointsman.preview;

import dev.pointsman.forge.Forge;
import dev.pointsman.forge.ForgeException;
import dev.pointsman.forge.PullRequest;
import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.git.PinnedCommit;
import dev.pointsman.model.Commit;
import dev.pointsman.plan.PlanError;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull-request previews beside the reconcile loop, never in it: one thread (the executor given,
 * owned by the runtime) takes requests one at a time, the latest head of a pull request replaces an
 * older one still waiting, and a preview the forge did not take is tried again later with backoff.
 * Read-only: the previewer's pass never applies.
 */
public final class PullRequestPreviews {
  private static final Logger log = LoggerFactory.getLogger(PullRequestPreviews.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration MAX_RETRY = Duration.ofMinutes(10);

  private final GitSource git;
  private final Previewer previewer;
  private final Map<PullRequest.Kind, Forge> forges;
  private final ScheduledExecutorService executor;
  private final Duration firstRetry;
  private final Map<String, PullRequest> latest = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();

  public PullRequestPreviews(
      GitSource git,
      Previewer previewer,
      Map<PullRequest.Kind, Forge> forges,
      ScheduledExecutorService executor,
      Duration firstRetry) {
    this.git = git;
    this.previewer = previewer;
    this.forges = Map.copyOf(forges);
    this.executor = executor;
    this.firstRetry = firstRetry;
  }

  /** True when a forge of this kind is configured (a token), so previews of it are posted. */
  public boolean handles(PullRequest.Kind kind) {
    return forges.containsKey(kind);
  }

  /** Queues a preview of {@code pr}'s head; a newer head of the same pull request replaces it. */
  public synchronized void submit(PullRequest pr) {
    boolean queued = latest.containsKey(pr.key());
    latest.put(pr.key(), pr);
    failures.remove(pr.key());
    if (!queued) executor.execute(() -> run(pr.key()));
  }

  private void run(String key) {
    PullRequest pr;
    synchronized (this) {
      pr = latest.remove(key);
    }
    if (pr == null) return;
    try {
      publish(pr);
      synchronized (this) {
        failures.remove(key);
      }
    } catch (GitException | ForgeException | RuntimeException e) {
      retryLater(pr, e.getMessage());
    }
  }

  private void publish(PullRequest pr) throws GitException, ForgeException {
    PlanReport report;
    Commit head;
    try (PinnedCommit pinnedHead = git.pin(pr.headRef());
        PinnedCommit pinnedBase = git.pin("refs/heads/" + pr.baseBranch())) {
      head = pinnedHead.commit();
      report = previewer.preview(head, Optional.of(pinnedBase.commit()));
    }
    boolean ok = report.exitCode() != 1;
    forges
        .get(pr.forge())
        .publish(
            pr, PlanFormats.render(report, PlanFormats.Format.MARKDOWN), ok, description(report));
    log.info(
        "posted the plan of {} ({}) to the pull request: {}",
        pr.key(),
        head.shortSha(),
        PlanFormats.summary(report));
  }

  /** One line for the commit status: the summary, or the first error. */
  static String description(PlanReport r) {
    if (!r.result().rejections().isEmpty())
      return r.result().rejections().size()
          + " validation error(s): "
          + r.result().rejections().get(0);
    if (!r.result().plan().errors().isEmpty()) {
      PlanError e = r.result().plan().errors().get(0);
      return r.result().plan().errors().size() + " plan error(s): " + e;
    }
    return PlanFormats.summary(r);
  }

  private synchronized void retryLater(PullRequest pr, String why) {
    if (latest.containsKey(pr.key())) return; // a newer head is queued; it supersedes this one
    int n = failures.merge(pr.key(), 1, Integer::sum);
    long seconds = Math.min(MAX_RETRY.toSeconds(), firstRetry.toSeconds() << Math.min(n - 1, 10));
    Duration wait =
        firstRetry.isZero() ? Duration.ofMillis(200) : Duration.ofSeconds(Math.max(1, seconds));
    log.warn("preview of {} not posted ({}); trying again in {}", pr.key(), why, wait);
    executor.schedule(
        () -> {
          synchronized (this) {
            if (latest.containsKey(pr.key())) return;
            latest.put(pr.key(), pr);
          }
          run(pr.key());
        },
        wait.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
