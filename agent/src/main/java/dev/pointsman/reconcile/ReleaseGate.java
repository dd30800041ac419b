package dev.pointsman.reconcile;

import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.Outcome;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.outcome.ResourceOutcome;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.policy.Holds;
import dev.pointsman.policy.Ledger;
import dev.pointsman.policy.PolicyGate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The release policy in a pass: changes it does not allow yet become holds (planned, reported, not
 * applied), the rest is applied; what is in sync afterwards goes into the ledger; holds are
 * remembered so that the agent applies them by itself once allowed and the drift sweep leaves them
 * alone meanwhile.
 */
public final class ReleaseGate {
  private final Ledger ledger;
  private final Holds holds;
  private final Clock clock;
  private final Supplier<Set<ResourceId>> rolling;
  private final Set<String> announcedOverrides = new HashSet<>();

  ReleaseGate(Ledger ledger, Holds holds, Clock clock, Supplier<Set<ResourceId>> rolling) {
    this.ledger = ledger;
    this.holds = holds;
    this.clock = clock;
    this.rolling = rolling;
  }

  Ledger ledger() {
    return ledger;
  }

  Map<ResourceId, String> holds() {
    return holds.all();
  }

  /** What a gated pass did, and what the commit's override let through (to announce once). */
  record Gated(PassResult result, List<String> overridden) {}

  /**
   * The plan of {@code result} with what the release policy would hold now marked as held (for
   * {@code plan} and pull-request previews, against the agent's ledger in the work dir).
   */
  public static PassResult preview(
      PassResult result, DesiredState desired, Ledger ledger, Clock clock) {
    Map<String, Environment> envs = new HashMap<>();
    for (EnvironmentManifests em : desired.environments())
      envs.put(em.environment().name(), em.environment());
    List<Change> changes = new ArrayList<>();
    for (Change c : result.plan().changes()) {
      Environment env = envs.get(c.id().environment());
      PolicyGate.Verdict v =
          env == null || c.action() == Action.NONE || c.action() == Action.HOLD
              ? new PolicyGate.Allow()
              : PolicyGate.decide(c, env, envs, ledger, clock.instant(), result.commit());
      changes.add(v instanceof PolicyGate.Hold h ? c.held(h.reason()) : c);
    }
    return new PassResult(
        result.commit(),
        result.rejections(),
        result.plan().withChanges(changes),
        result.applied(),
        result.rolloutInProgress());
  }

  /** Holds what the policy does not allow yet, applies the rest. */
  Gated apply(Evaluation evaluation, Commit commit) {
    Instant now = clock.instant();
    Map<String, Environment> envs = new HashMap<>();
    for (EnvironmentManifests em : evaluation.desired().environments())
      envs.put(em.environment().name(), em.environment());
    List<Change> changes = new ArrayList<>();
    Map<ResourceId, String> held = new HashMap<>();
    List<String> overridden = new ArrayList<>();
    for (Change c : evaluation.plan().changes()) {
      Environment env = envs.get(c.id().environment());
      if (env == null || c.action() == Action.NONE || c.action() == Action.HOLD) {
        changes.add(c);
        continue;
      }
      PolicyGate.Verdict v = PolicyGate.decide(c, env, envs, ledger, now, commit);
      if (v instanceof PolicyGate.Hold h) {
        changes.add(c.held(h.reason()));
        held.put(c.id(), h.reason());
      } else {
        changes.add(c);
        if (v instanceof PolicyGate.Overridden o)
          overridden.add(c.summary() + " — " + o.wouldHold());
      }
    }
    Evaluation gated = evaluation.withPlan(evaluation.plan().withChanges(changes));
    PassResult result = gated.applyAll(c -> !held.containsKey(c.id()), held.isEmpty());
    List<ResourceId> covered = new ArrayList<>();
    evaluation.plan().changes().forEach(c -> covered.add(c.id()));
    holds.update(covered, held);
    observed(result);
    boolean fresh = !overridden.isEmpty() && announcedOverrides.add(commit.sha());
    return new Gated(result, fresh ? overridden : List.of());
  }

  /** What is in sync (converged, or just applied and not rolling) serves its environment now. */
  void observed(PassResult result) {
    Map<ResourceId, Outcome> outcomes = new HashMap<>();
    for (ResourceOutcome o : result.outcomes()) outcomes.put(o.id(), o.outcome());
    Set<ResourceId> moving = rolling.get();
    Map<String, List<String>> serving = new HashMap<>();
    for (Change c : result.plan().changes()) {
      Outcome o = outcomes.get(c.id());
      if (o != Outcome.CONVERGED && o != Outcome.APPLIED) continue;
      if (moving.contains(c.id())) continue;
      serving.put(
          Ledger.key(c.id().environment(), c.id().kind(), c.desired().metadataName()),
          c.desired().artifacts());
    }
    if (!serving.isEmpty()) ledger.live(serving, clock.instant());
  }
}
