package dev.pointsman.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HealthTest {
  private Instant now = Instant.parse("2026-11-30T09:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final Health health = new Health(clock);
  private static final Duration MAX_AGE = Duration.ofMinutes(5);

  @Test
  void aStartingAgentIsNotReadyUntilWarmedUpEvenWithGitAndAwsAnswering() {
    health.warmingUp();
    health.gitSucceeded();
    health.awsSucceeded();

    assertThat(health.notReadyBecause(MAX_AGE)).hasValue("warming up since " + now);

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
    now = now.plus(Health.MAX_WARM_UP).minusSeconds(1);
    health.gitSucceeded();
    health.awsSucceeded();
    assertThat(health.notReadyBecause(MAX_AGE)).isPresent();

    now = now.plusSeconds(1);
    health.gitSucceeded();
    assertThat(health.notReadyBecause(MAX_AGE)).isEmpty();
  }
}
