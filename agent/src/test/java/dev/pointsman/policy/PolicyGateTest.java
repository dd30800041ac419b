package dev.pointsman.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.Commit;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.ReleasePolicy;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.testing.TestEnvironments;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The release policy's decisions, on a ledger and a clock handed in. */
class PolicyGateTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Commit COMMIT = new Commit("abc", "Alice", "Promote", T0);
  private static final Commit OVERRIDE =
      new Commit("def", "Bob", "Hotfix", T0, Optional.of("incident 42"));

  private final Ledger ledger = Ledger.inMemory();

  private static Environment env(String name, ReleasePolicy policy) {
    return TestEnvironments.named(name, policy);
  }

  private static Change move(String env, String from, String to) {
    LambdaAlias desired =
        new LambdaAlias(
            env,
            "orders",
            "Orders",
            env,
            to,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Source(env + "/orders.yaml", 1));
    return new Change(
        new ResourceId(env, "LambdaAlias", "Orders/" + env),
        Action.UPDATE,
        List.of(new FieldChange("version", from, to)),
        desired);
  }

  private PolicyGate.Verdict decide(Environment prod, Change c, Instant now, Commit commit) {
    Environment staging = env("staging", ReleasePolicy.NONE);
    return PolicyGate.decide(
        c, prod, Map.of("staging", staging, "prod", prod), ledger, now, commit);
  }

  private static ReleasePolicy soak(Duration d) {
    return new ReleasePolicy(Optional.of("staging"), d, List.of(), true);
  }

  @Test
  void anArtifactThatNeverServedTheSourceIsHeld() {
    PolicyGate.Verdict v =
        decide(env("prod", soak(Duration.ofMinutes(30))), move("prod", "6", "7"), T0, COMMIT);
    assertThat(v).isEqualTo(new PolicyGate.Hold("orders 7 has not served staging yet"));
  }

  @Test
  void itGoesOnceItHasServedTheSourceForTheSoakAndTheReasonStaysTheSameMeanwhile() {
    ledger.live(Ledger.key("staging", "LambdaAlias", "orders"), List.of("7"), T0);
    Environment prod = env("prod", soak(Duration.ofMinutes(30)));

    PolicyGate.Verdict at12 = decide(prod, move("prod", "6", "7"), T0.plusSeconds(12 * 60), COMMIT);
    PolicyGate.Verdict at20 = decide(prod, move("prod", "6", "7"), T0.plusSeconds(20 * 60), COMMIT);
    PolicyGate.Verdict at30 = decide(prod, move("prod", "6", "7"), T0.plusSeconds(30 * 60), COMMIT);

    assertThat(at12)
        .isEqualTo(
            new PolicyGate.Hold(
                "orders 7 has served staging since 2026-12-01T10:00:00Z; with a soak of 30 minutes it"
                    + " may go at 2026-12-01T10:30:00Z"));
    assertThat(at20).isEqualTo(at12);
    assertThat(at30).isInstanceOf(PolicyGate.Allow.class);
  }

  @Test
  void anAbortedRolloutInTheSourceRestartsTheClock() {
    String staging = Ledger.key("staging", "LambdaAlias", "orders");
    ledger.live(staging, List.of("7"), T0);
    ledger.aborted(staging, "7", T0.plusSeconds(20 * 60));
    Environment prod = env("prod", soak(Duration.ofMinutes(30)));

    PolicyGate.Verdict v = decide(prod, move("prod", "6", "7"), T0.plusSeconds(35 * 60), COMMIT);

    assertThat(v).isInstanceOf(PolicyGate.Hold.class);
    assertThat(((PolicyGate.Hold) v).reason())
        .contains("since a rollout of it was aborted there at 2026-12-01T10:20:00Z")
        .contains("may go at 2026-12-01T10:50:00Z");
    assertThat(decide(prod, move("prod", "6", "7"), T0.plusSeconds(50 * 60), COMMIT))
        .isInstanceOf(PolicyGate.Allow.class);
  }

  @Test
  void aFreezeHoldsEverythingButARollbackAndAnOverrideGoesThroughSayingWhatItSkipped() {
    ReleasePolicy frozen =
        new ReleasePolicy(
            Optional.empty(),
            Duration.ZERO,
            List.of(new ReleasePolicy.Window(T0.minusSeconds(60), T0.plusSeconds(3600))),
            true);
    String prodKey = Ledger.key("prod", "LambdaAlias", "orders");
    ledger.live(prodKey, List.of("6"), T0.minusSeconds(7200));
    ledger.live(prodKey, List.of("7"), T0.minusSeconds(3600));
    Environment prod = env("prod", frozen);

    assertThat(decide(prod, move("prod", "7", "8"), T0, COMMIT))
        .isEqualTo(new PolicyGate.Hold("prod is frozen until 2026-12-01T11:00:00Z"));
    assertThat(decide(prod, move("prod", "7", "6"), T0, COMMIT))
        .as("a rollback")
        .isInstanceOf(PolicyGate.Allow.class);
    assertThat(decide(prod, move("prod", "7", "8"), T0, OVERRIDE))
        .isEqualTo(new PolicyGate.Overridden("prod is frozen until 2026-12-01T11:00:00Z"));
    Environment strict =
        env("prod", new ReleasePolicy(Optional.empty(), Duration.ZERO, frozen.freezes(), false));
    assertThat(decide(strict, move("prod", "7", "6"), T0, COMMIT))
        .isInstanceOf(PolicyGate.Hold.class);
    assertThat(decide(prod, move("prod", "7", "8"), T0.plusSeconds(3600), COMMIT))
        .as("the window is over")
        .isInstanceOf(PolicyGate.Allow.class);
  }

  @Test
  void aWeeklyFreezeFollowsItsTimeZoneAcrossTheWeekend() {
    ReleasePolicy.Weekly weekend =
        new ReleasePolicy.Weekly(
            DayOfWeek.FRIDAY,
            LocalTime.of(16, 0),
            DayOfWeek.MONDAY,
            LocalTime.of(8, 0),
            ZoneId.of("Europe/Berlin"));
    // 2026-12-04 is a Friday; Berlin is UTC+1 in December.
    assertThat(weekend.endIfFrozen(Instant.parse("2026-12-04T14:59:00Z"))).isEmpty();
    assertThat(weekend.endIfFrozen(Instant.parse("2026-12-04T15:00:00Z")))
        .contains(Instant.parse("2026-12-07T07:00:00Z"));
    assertThat(weekend.endIfFrozen(Instant.parse("2026-12-06T12:00:00Z")))
        .contains(Instant.parse("2026-12-07T07:00:00Z"));
    assertThat(weekend.endIfFrozen(Instant.parse("2026-12-07T07:00:00Z"))).isEmpty();
    assertThat(weekend.endIfFrozen(Instant.parse("2026-12-02T12:00:00Z"))).isEmpty();
  }
}
