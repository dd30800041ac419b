package dev.pointsman.plan.rollout;

import dev.pointsman.model.Percent;
import dev.pointsman.model.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The step machine of a progressive rollout. Pure: live traffic, the persisted record, alarm states
 * and the time in; the traffic to set, the new record and the events to report out.
 */
public final class RolloutMachine {
  private RolloutMachine() {}

  /** Where traffic should go for this pass. */
  public sealed interface Traffic {
    /** Everything on the stable (old) version: before a start, or after an abort. */
    record Stable() implements Traffic {}

    /** {@code weight} on the new version, the rest on the stable one. */
    record Split(Percent weight) implements Traffic {}

    /**
     * Everything on the new version: the rollout is complete (or there was nothing to roll out).
     */
    record Target() implements Traffic {}
  }

  /** The outcome of one decision. An empty record means: no rollout in progress or held. */
  public record Decision(Traffic traffic, Optional<RolloutState> record, List<String> events) {
    public boolean inProgress() {
      return traffic instanceof Traffic.Split
          && record.map(r -> r.status() != RolloutState.Status.ABORTED).orElse(false);
    }
  }

  /**
   * @param stable the version (or deployment) serving all traffic but the canary's share, live
   * @param target the version Git declares
   * @param liveWeight the share live on {@code target} now, if any
   * @param alarming alarms of the analysis currently in ALARM
   */
  public static Decision decide(
      Rollout rollout,
      String stable,
      String target,
      String specHash,
      Optional<Percent> liveWeight,
      Optional<RolloutState> previous,
      List<String> alarming,
      Instant now) {
    List<String> events = new ArrayList<>();
    if (stable.equals(target)) return new Decision(new Traffic.Target(), Optional.empty(), events);
    Optional<RolloutState> prev =
        previous.filter(p -> p.target().equals(target) && p.specHash().equals(specHash));
    if (prev.isPresent() && prev.get().status() == RolloutState.Status.ABORTED) {
      return new Decision(new Traffic.Stable(), prev, events); // held until Git changes
    }
    RolloutState state;
    if (prev.isEmpty()) {
      if (rollout.steps().isEmpty())
        return new Decision(new Traffic.Target(), Optional.empty(), events);
      int step = liveWeight.map(w -> indexOf(rollout, w)).orElse(0);
      state = new RolloutState(target, specHash, step, now, RolloutState.Status.RUNNING, "");
      events.add(
          liveWeight.isPresent() && step > 0
              ? "resumed at step "
                  + (step + 1)
                  + " of "
                  + rollout.steps().size()
                  + " ("
                  + weight(rollout, step)
                  + ")"
              : "started: " + weight(rollout, step) + " of traffic to " + target);
    } else {
      state = prev.get();
    }
    if (!alarming.isEmpty()) {
      RolloutState aborted =
          state.with(
              RolloutState.Status.ABORTED, "alarm " + String.join(", ", alarming) + " in ALARM");
      events.add("aborted: " + aborted.reason() + "; all traffic back to " + stable);
      return new Decision(new Traffic.Stable(), Optional.of(aborted), events);
    }
    if (state.status() == RolloutState.Status.PAUSED) {
      return new Decision(
          new Traffic.Split(weight(rollout, state.step())), Optional.of(state), events);
    }
    Rollout.Step step = rollout.steps().get(state.step());
    if (!now.isBefore(state.stepStartedAt().plus(step.pause()))) {
      int next = state.step() + 1;
      if (next >= rollout.steps().size()) {
        events.add("completed: " + target + " takes all traffic");
        return new Decision(new Traffic.Target(), Optional.empty(), events);
      }
      state = new RolloutState(target, specHash, next, now, RolloutState.Status.RUNNING, "");
      events.add(
          "step "
              + (next + 1)
              + " of "
              + rollout.steps().size()
              + ": "
              + weight(rollout, next)
              + " to "
              + target);
    }
    return new Decision(
        new Traffic.Split(weight(rollout, state.step())), Optional.of(state), events);
  }

  /** The step whose weight is live; a restart without the record resumes there, never earlier. */
  private static int indexOf(Rollout rollout, Percent live) {
    int found = 0;
    for (int i = 0; i < rollout.steps().size(); i++) {
      if (rollout.steps().get(i).weight().value().compareTo(live.value()) <= 0) found = i;
    }
    return found;
  }

  private static Percent weight(Rollout rollout, int step) {
    return rollout.steps().get(step).weight();
  }
}
