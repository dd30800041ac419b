package dev.pointsman.rollout;

import dev.pointsman.plan.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A rollout as the status shows it: the machine's record plus what an operator wants to see. */
public record RolloutStatus(
    String environment,
    String region,
    String kind,
    String name,
    RolloutState state,
    String weight,
    int steps,
    Optional<Instant> nextStepAt,
    List<String> alarms,
    List<String> alarming) {
  public RolloutStatus {
    alarms = List.copyOf(alarms);
    alarming = List.copyOf(alarming);
  }

  public String key() {
    return environment + "/" + kind + "/" + name;
  }

  public RolloutStatus with(RolloutState s) {
    return new RolloutStatus(
        environment, region, kind, name, s, weight, steps, nextStepAt, alarms, alarming);
  }
}
