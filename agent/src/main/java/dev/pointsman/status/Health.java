package dev.pointsman.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Liveness facts for /readyz: when Git and AWS last answered, the last Git error, and whether the
 * agent is still warming up after its start.
 */
public final class Health {
  /** However the warm-up goes, readiness waits for it at most this long after the start. */
  public static final Duration MAX_WARM_UP = Duration.ofMinutes(2);

  private final Clock clock;
  private volatile Instant warmingSince;
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

  /**
   * The agent started and is warming up (see the agent's first idle poll): not ready until {@link
   * #warmedUp}, so that a load balancer routes the first webhook to a warm agent.
   */
  public void warmingUp() {
    warmingSince = clock.instant();
  }

  public void warmedUp() {
    warmingSince = null;
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
    Instant warming = warmingSince;
    if (warming != null && now.isBefore(warming.plus(MAX_WARM_UP)))
      return Optional.of("warming up since " + warming);
    return Optional.empty();
  }

  public Optional<Instant> lastGitSuccess() {
    return Optional.ofNullable(gitOk);
  }

  public Optional<String> gitError() {
    return Optional.ofNullable(gitError);
  }
}
