package dev.pointsman.rollout;

/** Where rollout events go: logs always, chat when the agent runs with a notifier. */
@FunctionalInterface
public interface RolloutEvents {
  void publish(RolloutStatus rollout, String event);
}
