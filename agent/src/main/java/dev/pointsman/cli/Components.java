package dev.pointsman.cli;

import dev.pointsman.aws.AccountGuard;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.kinds.KindContext;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.live.refs.ConfigRefChecker;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.reconcile.SignaturePolicy;
import dev.pointsman.rollout.Alarms;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.rollout.Rollouts;
import java.time.Clock;
import java.util.Optional;

/**
 * The one place that wires readers, differs and appliers of every kind into a reconciliation pass.
 */
public final class Components {
  private Components() {}

  public static Pass pass(AwsClients clients, AwsCalls calls) {
    return pass(clients, calls, SignaturePolicy.NONE);
  }

  public static Pass pass(AwsClients clients, AwsCalls calls, SignaturePolicy signatures) {
    return pass(clients, calls, signatures, Optional.empty());
  }

  /** With progressive rollouts: their records in {@code store}, their events to {@code events}. */
  public static Pass pass(
      AwsClients clients,
      AwsCalls calls,
      SignaturePolicy signatures,
      RolloutStore store,
      RolloutEvents events,
      Clock clock) {
    return pass(
        clients,
        calls,
        signatures,
        Optional.of(new Rollouts(store, new Alarms(clients, calls), events, clock)));
  }

  private static Pass pass(
      AwsClients clients, AwsCalls calls, SignaturePolicy signatures, Optional<Rollouts> rollouts) {
    Reconciler reconciler =
        new Reconciler(
            new AccountGuard(clients, calls),
            new ConfigRefChecker(clients, calls),
            Kinds.modules(new KindContext(clients, calls, rollouts)));
    return new Pass(Kinds.manifestLoader(), reconciler, signatures);
  }
}
