package dev.pointsman.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.Percent;
import dev.pointsman.model.Rollout;
import dev.pointsman.plan.rollout.RolloutMachine;
import dev.pointsman.plan.rollout.RolloutMachine.Decision;
import dev.pointsman.plan.rollout.RolloutMachine.Traffic;
import dev.pointsman.plan.rollout.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout step machine, driven by an explicit clock: no sleeps. */
class RolloutMachineTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final Rollout rollout =
      new Rollout(
          List.of(
              new Rollout.Step(Percent.of("10"), Duration.ofMinutes(5)),
              new Rollout.Step(Percent.of("50"), Duration.ofMinutes(5))),
          List.of("errors"),
          Duration.ofSeconds(30));

  private Decision at(
      Instant now, Optional<Percent> live, Optional<RolloutState> prev, List<String> alarming) {
    return RolloutMachine.decide(rollout, "7", "8", "h1", live, prev, alarming, now);
  }

  @Test
  void aNewVersionStartsAtTheFirstStepAndAdvancesAfterEachPauseToFullTraffic() {
    Decision start = at(T0, Optional.empty(), Optional.empty(), List.of());
    assertThat(start.traffic()).isEqualTo(new Traffic.Split(Percent.of("10")));
    assertThat(start.events()).containsExactly("started: 10% of traffic to 8");
    assertThat(start.inProgress()).isTrue();

    Decision waiting =
        at(
            T0.plus(Duration.ofMinutes(4)),
            Optional.of(Percent.of("10")),
            start.record(),
            List.of());
    assertThat(waiting.traffic()).isEqualTo(new Traffic.Split(Percent.of("10")));
    assertThat(waiting.events()).isEmpty();

    Decision second =
        at(
            T0.plus(Duration.ofMinutes(5)),
            Optional.of(Percent.of("10")),
            waiting.record(),
            List.of());
    assertThat(second.traffic()).isEqualTo(new Traffic.Split(Percent.of("50")));
    assertThat(second.events()).containsExactly("step 2 of 2: 50% to 8");

    Decision done =
        at(
            T0.plus(Duration.ofMinutes(10)),
            Optional.of(Percent.of("50")),
            second.record(),
            List.of());
    assertThat(done.traffic()).isInstanceOf(Traffic.Target.class);
    assertThat(done.record()).isEmpty();
    assertThat(done.events()).containsExactly("completed: 8 takes all traffic");
  }

  @Test
  void anAlarmAbortsAndTheAbortIsHeldUntilGitChanges() {
    Decision start = at(T0, Optional.empty(), Optional.empty(), List.of());
    Decision abort =
        at(T0.plusSeconds(30), Optional.of(Percent.of("10")), start.record(), List.of("errors"));
    assertThat(abort.traffic()).isInstanceOf(Traffic.Stable.class);
    assertThat(abort.events())
        .containsExactly("aborted: alarm errors in ALARM; all traffic back to 7");
    assertThat(abort.record())
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RolloutState.Status.ABORTED));

    Decision later = at(T0.plus(Duration.ofHours(1)), Optional.empty(), abort.record(), List.of());
    assertThat(later.traffic())
        .as("held, even with the alarm gone")
        .isInstanceOf(Traffic.Stable.class);
    assertThat(later.inProgress()).isFalse();

    Decision changed =
        RolloutMachine.decide(
            rollout,
            "7",
            "8",
            "h2",
            Optional.empty(),
            abort.record(),
            List.of(),
            T0.plus(Duration.ofHours(2)));
    assertThat(changed.traffic())
        .as("a changed resource in Git starts afresh")
        .isEqualTo(new Traffic.Split(Percent.of("10")));
  }

  @Test
  void aRestartWithTheRecordNeitherRepeatsNorSkipsAStep() {
    Decision start = at(T0, Optional.empty(), Optional.empty(), List.of());
    Decision second =
        at(
            T0.plus(Duration.ofMinutes(5)),
            Optional.of(Percent.of("10")),
            start.record(),
            List.of());
    // The process dies; the record survives on disk; one minute into step 2 it comes back.
    Decision resumed =
        at(
            T0.plus(Duration.ofMinutes(6)),
            Optional.of(Percent.of("50")),
            second.record(),
            List.of());
    assertThat(resumed.traffic()).isEqualTo(new Traffic.Split(Percent.of("50")));
    assertThat(resumed.events()).isEmpty();
    assertThat(
            at(
                    T0.plus(Duration.ofMinutes(10)),
                    Optional.of(Percent.of("50")),
                    resumed.record(),
                    List.of())
                .traffic())
        .isInstanceOf(Traffic.Target.class);
  }

  @Test
  void aRestartWithoutTheRecordResumesAtTheLiveStep() {
    Decision resumed = at(T0, Optional.of(Percent.of("50")), Optional.empty(), List.of());
    assertThat(resumed.traffic()).isEqualTo(new Traffic.Split(Percent.of("50")));
    assertThat(resumed.events()).containsExactly("resumed at step 2 of 2 (50%)");
  }

  @Test
  void aPausedRolloutHoldsItsWeightButStillAbortsOnAlarm() {
    Decision start = at(T0, Optional.empty(), Optional.empty(), List.of());
    Optional<RolloutState> paused =
        start.record().map(r -> r.with(RolloutState.Status.PAUSED, "paused by operator"));
    assertThat(
            at(T0.plus(Duration.ofHours(1)), Optional.of(Percent.of("10")), paused, List.of())
                .traffic())
        .isEqualTo(new Traffic.Split(Percent.of("10")));
    assertThat(
            at(
                    T0.plus(Duration.ofHours(1)),
                    Optional.of(Percent.of("10")),
                    paused,
                    List.of("errors"))
                .traffic())
        .isInstanceOf(Traffic.Stable.class);
  }

  @Test
  void nothingToRollOutWhenTheTargetIsAlreadyStable() {
    Decision d =
        RolloutMachine.decide(
            rollout, "8", "8", "h1", Optional.empty(), Optional.empty(), List.of(), T0);
    assertThat(d.traffic()).isInstanceOf(Traffic.Target.class);
    assertThat(d.events()).isEmpty();
  }
}
