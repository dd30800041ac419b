package dev.pointsman.rollout;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Percent;
import dev.pointsman.model.Rollout;
import dev.pointsman.plan.Shaper;
import dev.pointsman.plan.rollout.RolloutMachine;
import dev.pointsman.plan.rollout.RolloutState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The I/O around the pure {@link RolloutMachine}, shared by every kind that rolls out: the record
 * from the store, the alarms from CloudWatch, the time, and what to record once the pass applies.
 */
public final class Rollouts {
  private final RolloutStore store;
  private final Alarms alarms;
  private final RolloutEvents events;
  private final Clock clock;

  public Rollouts(RolloutStore store, Alarms alarms, RolloutEvents events, Clock clock) {
    this.store = store;
    this.alarms = alarms;
    this.events = events;
    this.clock = clock;
  }

  /** One decision for {@code desired}, moving from {@code stable} to {@code target}. */
  public Outcome decide(
      Environment env,
      DesiredResource desired,
      Rollout rollout,
      String stable,
      String target,
      String specHash,
      Optional<Percent> liveWeight) {
    String key = env.name() + "/" + desired.id().kind() + "/" + desired.id().name();
    Optional<RolloutStatus> previous = store.get(key);
    List<String> alarming =
        stable.equals(target) ? List.of() : alarms.stopping(env, rollout.alarms());
    RolloutMachine.Decision d =
        RolloutMachine.decide(
            rollout,
            stable,
            target,
            specHash,
            liveWeight,
            previous.map(RolloutStatus::state),
            alarming,
            clock.instant());
    Runnable record =
        () -> {
          Optional<RolloutStatus> now =
              d.record().map(r -> status(env, desired, rollout, r, alarming));
          // An operator acted while this pass decided: theirs stands, the next pass decides anew.
          if (!store.replace(key, previous, now)) return;
          RolloutStatus about =
              now.or(() -> previous).orElseGet(() -> status(env, desired, rollout, null, alarming));
          d.events().forEach(e -> events.publish(about, e));
        };
    return new Outcome(d.traffic(), record, d.inProgress());
  }

  /**
   * Git no longer asks for a rollout of this resource (the version was reverted, or the rollout
   * removed): a record left over is cancelled when the pass applies.
   */
  public <D extends DesiredResource> Shaper.Shaped<D> none(Environment env, D desired) {
    String key = env.name() + "/" + desired.id().kind() + "/" + desired.id().name();
    return new Shaper.Shaped<>(
        desired,
        () ->
            store
                .get(key)
                .ifPresent(
                    previous -> {
                      store.remove(key);
                      if (previous.state() != null
                          && previous.state().status() != RolloutState.Status.ABORTED) {
                        events.publish(
                            previous,
                            "cancelled: Git no longer asks for " + previous.state().target());
                      }
                    }),
        false);
  }

  private static RolloutStatus status(
      Environment env,
      DesiredResource desired,
      Rollout rollout,
      RolloutState s,
      List<String> alarming) {
    Optional<Rollout.Step> step =
        s == null || s.step() >= rollout.steps().size()
            ? Optional.empty()
            : Optional.of(rollout.steps().get(s.step()));
    return new RolloutStatus(
        env.name(),
        env.region(),
        desired.id().kind(),
        desired.id().name(),
        s,
        step.map(x -> x.weight().toString()).orElse("100%"),
        rollout.steps().size(),
        step.filter(x -> s.status() == RolloutState.Status.RUNNING)
            .map(x -> s.stepStartedAt().plus(x.pause())),
        rollout.alarms(),
        alarming);
  }

  /**
   * The traffic for this pass, what to record when it is applied, and whether a rollout is running.
   */
  public record Outcome(RolloutMachine.Traffic traffic, Runnable onApply, boolean inProgress) {
    public <D> Shaper.Shaped<D> shaped(D effective) {
      return new Shaper.Shaped<>(effective, onApply, inProgress);
    }
  }
}
