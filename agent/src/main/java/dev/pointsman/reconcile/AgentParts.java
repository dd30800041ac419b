package dev.pointsman.reconcile;

import dev.pointsman.drift.DriftTracker;
import dev.pointsman.drift.HealGate;
import dev.pointsman.git.GitSource;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notifier;
import dev.pointsman.policy.Holds;
import dev.pointsman.policy.Ledger;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.status.Health;
import dev.pointsman.status.StatusBoard;

/** What the agent works with: Git, the pass, its records in the work dir, and where news goes. */
public record AgentParts(
    GitSource git,
    Pass pass,
    StateStore state,
    DriftTracker drifts,
    HealGate heal,
    Notifier notifier,
    Messages messages,
    StatusBoard status,
    Metrics metrics,
    Health health,
    RolloutStore rollouts,
    Attributions attributions,
    Ledger ledger,
    Holds holds) {
  /** Without drift attribution; the release policy's records in memory only. */
  public AgentParts(
      GitSource git,
      Pass pass,
      StateStore state,
      DriftTracker drifts,
      HealGate heal,
      Notifier notifier,
      Messages messages,
      StatusBoard status,
      Metrics metrics,
      Health health,
      RolloutStore rollouts) {
    this(
        git,
        pass,
        state,
        drifts,
        heal,
        notifier,
        messages,
        status,
        metrics,
        health,
        rollouts,
        Attributions.NONE,
        Ledger.inMemory(),
        Holds.inMemory());
  }
}
