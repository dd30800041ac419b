package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.aws.AccountGuard;
import dev.pointsman.live.refs.ConfigRefChecker;
import dev.pointsman.model.ConfigRef;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.PlanError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Plans every selected environment of a commit first and applies only if the whole plan is free of
 * errors: a commit is applied whole or not at all.
 */
public final class Reconciler {
  private final AccountGuard accounts;
  private final ConfigRefChecker references;
  private final List<KindModule<?, ?>> modules;

  /** Threads that read environments in parallel; more environments queue. */
  static final int READER_THREADS = 4;

  private final ExecutorService readers =
      Executors.newFixedThreadPool(
          READER_THREADS,
          r -> {
            Thread t = new Thread(r, "aws-reader");
            t.setDaemon(true);
            return t;
          });

  public Reconciler(
      AccountGuard accounts, ConfigRefChecker references, List<KindModule<?, ?>> modules) {
    this.accounts = accounts;
    this.references = references;
    this.modules = List.copyOf(modules);
  }

  /** Reads live state and plans; nothing is written. An empty filter selects every environment. */
  public PreparedCommit prepare(DesiredState state, Set<String> environments) {
    Plan plan = Plan.empty();
    List<KindModule.Prepared> parts = new ArrayList<>();
    for (String name : environments) {
      if (state.environment(name).isEmpty()) {
        ResourceId id = new ResourceId(name, "Environment", name);
        String message = "no environment folder named " + name + " in the manifests";
        plan =
            plan.merge(
                new Plan(
                    List.of(), List.of(new PlanError(id, new Source(name + "/", 0), message))));
      }
    }
    List<EnvironmentManifests> selected = new ArrayList<>();
    for (EnvironmentManifests em : state.environments()) {
      if (!environments.isEmpty() && !environments.contains(em.environment().name())) continue;
      if (em.resources().isEmpty())
        continue; // nothing to read or write here (or outside a scoped pass)
      selected.add(em);
    }
    for (Prepared env : readAll(selected)) {
      plan = plan.merge(env.plan());
      parts.addAll(env.parts());
    }
    return new PreparedCommit(plan, parts);
  }

  /** One environment's plan and the means to apply it. */
  private record Prepared(Plan plan, List<KindModule.Prepared> parts) {}

  /**
   * Environments are read in parallel (each account and Region has its own quotas, and the rate
   * limiters are shared and thread-safe), on a small fixed pool; results keep the environments'
   * order. One environment is read on the calling thread.
   */
  private List<Prepared> readAll(List<EnvironmentManifests> selected) {
    if (selected.size() <= 1) return selected.stream().map(this::prepare).toList();
    List<Future<Prepared>> futures = new ArrayList<>();
    for (EnvironmentManifests em : selected) futures.add(readers.submit(() -> prepare(em)));
    List<Prepared> results = new ArrayList<>();
    try {
      for (Future<Prepared> f : futures) results.add(f.get());
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading live state", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
    return results;
  }

  private Prepared prepare(EnvironmentManifests em) {
    var refusal = accounts.check(em.environment());
    if (refusal.isPresent()) {
      ResourceId id =
          new ResourceId(em.environment().name(), "Environment", em.environment().name());
      return new Prepared(
          new Plan(List.of(), List.of(new PlanError(id, em.environment().source(), refusal.get()))),
          List.of());
    }
    Plan plan = new Plan(List.of(), missingReferences(em));
    List<KindModule.Prepared> parts = new ArrayList<>();
    for (KindModule<?, ?> module : modules) {
      KindModule.Prepared part = module.prepare(em.environment(), em.resources());
      parts.add(part);
      plan = plan.merge(part.plan());
    }
    return new Prepared(plan, parts);
  }

  /** Every SSM parameter and secret the environment's resources refer to must exist. */
  private List<PlanError> missingReferences(EnvironmentManifests em) {
    List<ConfigRef> refs = em.resources().stream().flatMap(r -> r.references().stream()).toList();
    if (refs.isEmpty()) return List.of();
    Map<String, String> problems = references.problems(em.environment(), refs);
    List<PlanError> errors = new ArrayList<>();
    for (DesiredResource r : em.resources()) {
      for (ConfigRef ref : r.references()) {
        String problem = problems.get(ref.id());
        if (problem != null) errors.add(new PlanError(r.id(), ref.source(), problem));
      }
    }
    return errors;
  }

  /** The plan of a commit and, when it has no errors, the means to apply it. */
  public record PreparedCommit(Plan plan, List<KindModule.Prepared> parts) {
    /**
     * Applies every pending change and records rollout decisions; refuses when the plan has errors.
     */
    public List<ApplyResult> apply() {
      List<ApplyResult> results = apply(c -> true);
      parts.forEach(KindModule.Prepared::recordDecisions);
      return results;
    }

    /** True while a progressive rollout is between its first and last step. */
    public boolean rolloutInProgress() {
      return parts.stream().anyMatch(KindModule.Prepared::rolloutInProgress);
    }

    /**
     * Applies the pending changes {@code which} selects (drift healing); refuses plans with errors.
     */
    public List<ApplyResult> apply(Predicate<Change> which) {
      if (!plan.errors().isEmpty()) {
        throw new IllegalStateException("a plan with errors is never applied");
      }
      List<ApplyResult> results = new ArrayList<>();
      parts.forEach(p -> results.addAll(p.apply(which)));
      return results;
    }
  }
}
