package dev.pointsman.cli;

import dev.pointsman.aws.AccountGuard;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.hooks.HookEvents;
import dev.pointsman.hooks.HookRunner;
import dev.pointsman.hooks.HookStore;
import dev.pointsman.hooks.HookSupport;
import dev.pointsman.kinds.KindContext;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.live.refs.ConfigRefChecker;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.PromotionRehearsal;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.reconcile.SignaturePolicy;
import dev.pointsman.reconcile.WriteGuard;
import dev.pointsman.rollout.Alarms;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.rollout.Rollouts;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The one place that wires readers, differs and appliers of every kind into a reconciliation pass.
 */
public final class Components {
  private Components() {}

  /**
   * What a pass is built from. {@code readers} runs parallel reads and {@code clock} tells time;
   * both belong to the caller, which closes the pool. {@code guard} is asked before every write.
   */
  public record Wiring(
      AwsClients clients,
      AwsCalls calls,
      SignaturePolicy signatures,
      ExecutorService readers,
      WriteGuard guard,
      Clock clock) {
    public Wiring(AwsClients clients, AwsCalls calls, ExecutorService readers) {
      this(clients, calls, SignaturePolicy.NONE, readers, WriteGuard.ALWAYS, Clock.systemUTC());
    }
  }

  /** Without progressive rollouts (their records are the agent's). */
  public static Pass pass(Wiring w) {
    return pass(w, Optional.empty());
  }

  /** With progressive rollouts: their records in {@code store}, their events to {@code events}. */
  public static Pass pass(Wiring w, RolloutStore store, RolloutEvents events) {
    return pass(
        w,
        Optional.of(new Rollouts(store, new Alarms(w.clients(), w.calls()), events, w.clock())),
        Optional.empty());
  }

  /** With rollouts and verification hooks (their records in the work dir, failures to events). */
  public static Pass pass(
      Wiring w, RolloutStore store, RolloutEvents events, HookStore hooks, HookEvents hookEvents) {
    return pass(
        w,
        Optional.of(new Rollouts(store, new Alarms(w.clients(), w.calls()), events, w.clock())),
        Optional.of(
            new HookSupport(new HookRunner(w.clients(), w.calls(), w.clock()), hooks, hookEvents)));
  }

  private static Pass pass(Wiring w, Optional<Rollouts> rollouts) {
    return pass(w, rollouts, Optional.empty());
  }

  private static Pass pass(Wiring w, Optional<Rollouts> rollouts, Optional<HookSupport> hooks) {
    AccountGuard accounts = new AccountGuard(w.clients(), w.calls(), w.clock());
    ConfigRefChecker references = new ConfigRefChecker(w.clients(), w.calls());
    Reconciler reconciler =
        new Reconciler(
            accounts::check,
            references::problems,
            Kinds.modules(new KindContext(w.clients(), w.calls(), rollouts, w.clock(), hooks)),
            w.readers());
    return new Pass(
        Kinds.manifestLoader(w.clock()),
        reconciler,
        w.signatures(),
        w.guard(),
        Kinds.operationsByKind(),
        new PromotionRehearsal(
            Kinds.rehearsals(), endpoint -> rehearsalStage(w, endpoint), w.clock()));
  }

  /**
   * A pass for a promotion rehearsal: every kind's module on clients that call {@code endpoint} (a
   * loopback server) only, no account or reference checks (nothing there to check), no rollouts or
   * hooks (nothing to record), the agent's reader pool.
   */
  static PromotionRehearsal.Stage rehearsalStage(Wiring w, URI endpoint) {
    AwsClients clients = AwsClients.loopback(endpoint);
    Reconciler reconciler =
        new Reconciler(
            env -> Optional.empty(),
            (env, refs) -> Map.of(),
            Kinds.modules(new KindContext(clients, w.calls(), Optional.empty(), w.clock())),
            w.readers());
    Pass pass = new Pass(Kinds.manifestLoader(w.clock()), reconciler);
    return new PromotionRehearsal.Stage(pass, clients::close);
  }
}
