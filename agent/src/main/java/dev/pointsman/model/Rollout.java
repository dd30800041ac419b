package dev.pointsman.model;

import java.time.Duration;
import java.util.List;

/**
 * Progressive delivery of a new version: traffic steps (weight, then a pause) before the pointer
 * moves all the way, with CloudWatch alarms checked every {@code interval}; any alarm in ALARM
 * aborts.
 */
public record Rollout(List<Step> steps, List<String> alarms, Duration interval) {
  public Rollout {
    steps = List.copyOf(steps);
    alarms = List.copyOf(alarms);
  }

  /** Route {@code weight} of the traffic to the new version, then wait {@code pause}. */
  public record Step(Percent weight, Duration pause) {}
}
