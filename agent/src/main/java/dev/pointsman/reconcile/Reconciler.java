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
import java.util.concurrent.Callable;
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

  /** Threads that read kinds and environments in parallel; more reads queue. */
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
        ResourceId id = ResourceId.environment(name);
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
    // Checks per environment first (account, references), then every kind of every environment
    // read at the same time: each account and API family has its own quota.
    List<Callable<KindModule.Prepared>> reads = new ArrayList<>();
    for (EnvironmentManifests em : selected) {
      var refusal = accounts.check(em.environment());
      if (refusal.isPresent()) {
        ResourceId id = ResourceId.environment(em.environment().name());
        plan =
            plan.merge(
                new Plan(
                    List.of(),
                    List.of(new PlanError(id, em.environment().source(), refusal.get()))));
        continue;
      }
      plan = plan.merge(new Plan(List.of(), missingReferences(em)));
      for (KindModule<?, ?> module : modules) {
        if (em.resources().stream().anyMatch(module.type()::isInstance)) {
          reads.add(() -> module.prepare(em.environment(), em.resources()));
        }
      }
    }
    for (KindModule.Prepared part : readAll(reads)) {
      parts.add(part);
      plan = plan.merge(part.plan());
    }
    return new PreparedCommit(plan, parts);
  }

  /**
   * Runs the reads on a small fixed pool (the rate limiters are shared and thread-safe; so are the
   * readers' caches), results in the order given. A single read runs on the calling thread.
   */
  private List<KindModule.Prepared> readAll(List<Callable<KindModule.Prepared>> reads) {
    List<KindModule.Prepared> results = new ArrayList<>();
    try {
      if (reads.size() == 1) {
        results.add(reads.get(0).call());
        return results;
      }
      List<Future<KindModule.Prepared>> futures = new ArrayList<>();
      for (Callable<KindModule.Prepared> read : reads) futures.add(readers.submit(read));
      try {
        for (Future<KindModule.Prepared> f : futures) results.add(f.get());
      } finally {
        futures.forEach(f -> f.cancel(true));
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading live state", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
