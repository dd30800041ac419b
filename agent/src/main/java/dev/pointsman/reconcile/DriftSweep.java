package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.drift.Drift;
import dev.pointsman.drift.DriftEvent;
import dev.pointsman.drift.OpenDrift;
import dev.pointsman.git.GitException;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares live state with the last applied commit. Every differing owned field is a drift; in
 * environments with {@code drift: heal} the resource is put back, at most once per minimum gap.
 */
final class DriftSweep {
  private static final Logger log = LoggerFactory.getLogger(DriftSweep.class);
  private final Agent.Settings settings;
  private final Agent.Parts parts;
  private final Set<ResourceId> healed = new HashSet<>();

  DriftSweep(Agent.Settings settings, Agent.Parts parts) {
    this.settings = settings;
    this.parts = parts;
  }

  Optional<PassResult> run(Commit commit) {
    Instant start = settings.clock().instant();
    Pass.Evaluation evaluation;
    try {
      evaluation = parts.evaluate(commit, settings);
    } catch (GitException e) {
      log.warn("drift sweep skipped: {}", e.getMessage());
      return Optional.empty();
    }
    if (!evaluation.load().valid()) return Optional.empty();
    Map<String, DriftPolicy> policies = new HashMap<>();
    evaluation.desired().environments().stream()
        .map(EnvironmentManifests::environment)
        .forEach(e -> policies.put(e.name(), e.drift()));

    Map<ResourceId, String> actions = new HashMap<>();
    Set<ResourceId> toHeal = new HashSet<>();
    // Resources a rollout is moving (or holds after an abort) are the rollout's business, not
    // drift.
    Set<String> rolling = new HashSet<>();
    parts
        .rollouts()
        .all()
        .forEach(r -> rolling.add(r.environment() + "|" + r.kind() + "|" + r.name()));
    List<Change> pending =
        evaluation.plan().pending().stream()
            .filter(
                c ->
                    !rolling.contains(
                        c.id().environment() + "|" + c.id().kind() + "|" + c.id().name()))
            .toList();
    for (Change c : pending) {
      if (policies.get(c.id().environment()) != DriftPolicy.HEAL) {
        actions.put(c.id(), "reported only (drift: report)");
        continue;
      }
      Optional<Instant> deferred = parts.heal().deferredUntil(c.id());
      if (deferred.isPresent()) {
        actions.put(
            c.id(), "heal deferred until " + deferred.get() + " (minimum gap between heals)");
      } else {
        toHeal.add(c.id());
      }
    }
    PassResult result =
        toHeal.isEmpty()
            ? evaluation.result(List.of())
            : evaluation.apply(c -> toHeal.contains(c.id()));
    for (ApplyResult a : result.applied()) {
      if (a.failed()) {
        actions.put(a.change().id(), "heal failed: " + a.detail());
      } else {
        parts.heal().healed(a.change().id());
        healed.add(a.change().id());
        actions.put(a.change().id(), "healed");
      }
    }
    List<Drift> drifts = new ArrayList<>();
    for (Change c : pending) {
      for (FieldChange f : c.fields()) drifts.add(new Drift(c.id(), f.field(), f.to(), f.from()));
    }
    Set<String> swept = new HashSet<>(policies.keySet());
    if (!settings.environments().isEmpty()) swept.retainAll(settings.environments());
    announce(
        parts
            .drifts()
            .observe(swept, drifts, commit.sha(), d -> actions.get(d.resource()), this::reason));
    parts.status().record(result);
    parts.metrics().reconcileTook("drift", Duration.between(start, settings.clock().instant()));
    return Optional.of(result);
  }

  /** A newly applied commit converged {@code environments}: their open drifts are over. */
  void settled(Commit commit, Set<ResourceId> applied) {
    announce(
        parts
            .drifts()
            .resolve(
                applied,
                o ->
                    o.commit().equals(commit.sha())
                        ? "put back by applying commit " + commit.shortSha()
                        : "superseded by commit " + commit.shortSha()));
  }

  private String reason(OpenDrift o) {
    return healed.remove(o.drift().resource())
        ? "healed by Pointsman"
        : "undone outside Pointsman (live matches Git again)";
  }

  private void announce(List<DriftEvent> events) {
    Instant now = settings.clock().instant();
    for (DriftEvent e : events) {
      log.info("{}", parts.messages().drift(e, now).title());
      parts.notifier().send(parts.messages().drift(e, now));
    }
    parts.metrics().openDrifts(parts.drifts().open().size());
  }
}
