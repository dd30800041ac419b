package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.manifest.ManifestFile;
import dev.pointsman.model.Commit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run} loop: every interval (or at once when triggered), fetch; when the followed commit
 * is new, or the last one did not settle, run a pass that applies it. A rejected commit leaves the
 * last good one live. Errors are logged and the loop goes on; the same error is not logged again on
 * every poll.
 */
public final class AgentLoop {
  private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

  private final GitSource git;
  private final String path;
  private final Set<String> environments;
  private final Pass pass;
  private final StateStore state;
  private final Clock clock;
  private final Duration interval;
  private final Semaphore trigger = new Semaphore(0);
  private volatile boolean stopped;
  private String handledSha;
  private String lastProblem;

  public AgentLoop(
      GitSource git,
      String path,
      Set<String> environments,
      Pass pass,
      StateStore state,
      Clock clock,
      Duration interval) {
    this.git = git;
    this.path = path;
    this.environments = Set.copyOf(environments);
    this.pass = pass;
    this.state = state;
    this.clock = clock;
    this.interval = interval;
  }

  /** Runs until {@link #stop()}; returns normally. */
  public void run() {
    state
        .lastApplied()
        .ifPresent(
            c ->
                log.info("last applied commit {} ({}) at {}", c.sha(), c.subject(), c.appliedAt()));
    while (!stopped) {
      tick();
      try {
        if (trigger.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) trigger.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Asks for a sync now instead of at the next interval; bursts coalesce into one sync. */
  public void trigger() {
    trigger.release();
  }

  public void stop() {
    stopped = true;
    trigger.release();
  }

  /** One poll. Visible for tests and for single-shot use. */
  public Optional<PassResult> tick() {
    Commit commit;
    try {
      commit = git.sync();
    } catch (GitException e) {
      problem("git fetch failed; keeping the last good commit live: " + e.getMessage());
      return Optional.empty();
    }
    if (commit.sha().equals(handledSha)) return Optional.empty();
    try {
      List<ManifestFile> files = git.files(commit.sha(), path);
      PassResult result = pass.run(commit, files, environments, true);
      report(result);
      if (result.settled() || result.status() == PassResult.Status.REJECTED) {
        handledSha = commit.sha();
      }
      if (result.settled()) {
        state.recordApplied(
            new StateStore.AppliedCommit(commit.sha(), commit.subject(), clock.instant()));
      }
      return Optional.of(result);
    } catch (GitException | IOException | RuntimeException e) {
      problem("pass over commit " + commit.shortSha() + " failed: " + e);
      return Optional.empty();
    }
  }

  private void report(PassResult result) {
    Commit c = result.commit();
    switch (result.status()) {
      case REJECTED -> {
        String last = state.lastApplied().map(a -> a.sha().substring(0, 12)).orElse("none");
        StringBuilder sb =
            new StringBuilder(
                "commit " + c + " rejected, nothing applied; last good commit stays live: " + last);
        result.rejections().forEach(e -> sb.append("\n  ").append(e));
        problem(sb.toString());
      }
      case PLAN_FAILED -> {
        StringBuilder sb =
            new StringBuilder("commit " + c + " cannot be applied, nothing written:");
        result.plan().errors().forEach(e -> sb.append("\n  ").append(e));
        problem(sb.toString());
      }
      case CONVERGED -> {
        lastProblem = null;
        log.info("commit {} is live; every pointer in sync", c);
      }
      case APPLIED -> {
        lastProblem = null;
        log.info("commit {} applied: {} change(s)", c, result.applied().size());
      }
      case PARTIALLY_APPLIED ->
          problem("commit " + c + " partly applied; failed changes are retried at the next poll");
      case PENDING -> throw new IllegalStateException("the loop always applies");
    }
  }

  private void problem(String message) {
    if (!Objects.equals(message, lastProblem)) {
      log.error(message);
      lastProblem = message;
    }
  }
}
