package dev.pointsman.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Liveness facts for /readyz: when Git and AWS last answered, and the last Git error. */
public final class Health {
  private final Clock clock;
  private volatile Instant gitOk;
  private volatile Instant awsOk;
  private volatile Instant awsFailed;
  private volatile String gitError;

  public Health(Clock clock) {
    this.clock = clock;
  }

  public void gitSucceeded() {
    gitOk = clock.instant();
    gitError = null;
  }

  public void gitFailed(String error) {
    gitError = error;
  }

  public void awsSucceeded() {
    awsOk = clock.instant();
  }

  public void awsFailed() {
    awsFailed = clock.instant();
  }

  /** Empty when ready; otherwise why not. */
  public Optional<String> notReadyBecause(Duration maxAge) {
    Instant now = clock.instant();
    if (gitOk == null) return Optional.of("no successful Git fetch yet");
    if (gitError != null) return Optional.of("last Git fetch failed: " + gitError);
    if (gitOk.isBefore(now.minus(maxAge)))
      return Optional.of("no successful Git fetch since " + gitOk);
    if (awsOk == null) return Optional.of("no successful AWS read yet");
    if (awsFailed != null && awsFailed.isAfter(awsOk) && awsOk.isBefore(now.minus(maxAge))) {
      return Optional.of("AWS unreachable since " + awsOk);
    }
    return Optional.empty();
  }

  public Optional<Instant> lastGitSuccess() {
    return Optional.ofNullable(gitOk);
  }

  public Optional<String> gitError() {
    return Optional.ofNullable(gitError);
  }
}
