package dev.pointsman.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final Health health = new Health(clock);
  private static final Duration MAX_AGE = Duration.ofMinutes(5);

  @Test
  void aStartingAgentIsNotReadyUntilWarmedUpEvenWithGitAndAwsAnswering() {
    health.warmingUp();
    health.gitSucceeded();
    health.awsSucceeded();

    assertThat(health.notReadyBecause(MAX_AGE)).hasValue("warming up since " + clock.instant());

    health.warmedUp();
    assertThat(health.notReadyBecause(MAX_AGE)).isEmpty();
  }

  @Test
  void gitAndAwsAreReportedBeforeTheWarmUp() {
    health.warmingUp();
    assertThat(health.notReadyBecause(MAX_AGE)).hasValue("no successful Git fetch yet");
    health.gitSucceeded();
    assertThat(health.notReadyBecause(MAX_AGE)).hasValue("no successful AWS read yet");
  }

  @Test
  void aWarmUpThatNeverEndsHoldsReadinessBackForAtMostItsBound() {
    health.warmingUp();
    clock.advance(Health.MAX_WARM_UP.minusSeconds(1));
    health.gitSucceeded();
    health.awsSucceeded();
    assertThat(health.notReadyBecause(MAX_AGE)).isPresent();

    clock.advance(Duration.ofSeconds(1));
    health.gitSucceeded();
    assertThat(health.notReadyBecause(MAX_AGE)).isEmpty();
  }
}
