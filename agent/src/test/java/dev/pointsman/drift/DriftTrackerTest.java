package dev.pointsman.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.ResourceId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftTrackerTest {
  @TempDir Path work;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final ResourceId alias = new ResourceId("prod", "LambdaAlias", "orders/live");
  private final Drift drift = new Drift(alias, "version", "1", "3");

  private List<DriftEvent> sweep(DriftTracker t, List<Drift> now) {
    return t.observe(Set.of("prod"), now, "c1", d -> "reported only", o -> "undone by hand");
  }

  @Test
  void aDriftIsAnnouncedOnceWhenItAppearsAndOnceWhenItIsResolved() {
    DriftTracker tracker = new DriftTracker(new DriftStore(work), clock);
    assertThat(sweep(tracker, List.of(drift)))
        .singleElement()
        .isInstanceOf(DriftEvent.Appeared.class);
    for (int i = 0; i < 5; i++) assertThat(sweep(tracker, List.of(drift))).isEmpty();
    assertThat(sweep(tracker, List.of()))
        .singleElement()
        .isInstanceOfSatisfying(
            DriftEvent.Resolved.class, r -> assertThat(r.reason()).isEqualTo("undone by hand"));
    assertThat(sweep(tracker, List.of())).isEmpty();
  }

  @Test
  void newValuesForTheSameFieldAreANewDrift() {
    DriftTracker tracker = new DriftTracker(new DriftStore(work), clock);
    sweep(tracker, List.of(drift));
    List<DriftEvent> events = sweep(tracker, List.of(new Drift(alias, "version", "1", "4")));
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(DriftEvent.Resolved.class);
    assertThat(events.get(1)).isInstanceOf(DriftEvent.Appeared.class);
  }

  @Test
  void aRestartDoesNotAnnounceAgainWhatWasAnnounced() {
    sweep(new DriftTracker(new DriftStore(work), clock), List.of(drift));
    DriftTracker restarted = new DriftTracker(new DriftStore(work), clock);
    assertThat(sweep(restarted, List.of(drift))).isEmpty();
    assertThat(restarted.open())
        .singleElement()
        .satisfies(o -> assertThat(o.firstSeen()).isEqualTo(clock.instant()));
  }

  @Test
  void environmentsNotSweptKeepTheirDrifts() {
    DriftTracker tracker = new DriftTracker(new DriftStore(work), clock);
    sweep(tracker, List.of(drift));
    assertThat(tracker.observe(Set.of("dev"), List.of(), "c1", d -> "", o -> "")).isEmpty();
    assertThat(tracker.open()).hasSize(1);
  }

  @Test
  void healsAreSpacedByTheMinimumGap() {
    Instant[] now = {Instant.parse("2026-11-25T10:00:00Z")};
    Clock moving =
        new Clock() {
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          public Clock withZone(java.time.ZoneId z) {
            return this;
          }

          public Instant instant() {
            return now[0];
          }
        };
    HealGate gate = new HealGate(moving, Duration.ofMinutes(5));
    assertThat(gate.deferredUntil(alias)).isEmpty();
    gate.healed(alias);
    now[0] = now[0].plus(Duration.ofMinutes(4));
    assertThat(gate.deferredUntil(alias)).hasValue(Instant.parse("2026-11-25T10:05:00Z"));
    now[0] = now[0].plus(Duration.ofMinutes(1));
    assertThat(gate.deferredUntil(alias)).isEmpty();
  }
}
