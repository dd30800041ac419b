package dev.pointsman.reconcile;

import dev.pointsman.aws.CallLane;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.ConfigRef;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import dev.pointsman.plan.PlanError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plans every selected environment of a commit first and applies only if the whole plan is free of
 * errors: a commit is applied whole or not at all.
 */
public final class Reconciler {
  /** Whether the caller is in an environment's account: empty when it is, otherwise why not. */
  @FunctionalInterface
  public interface AccountCheck {
    Optional<String> refusal(Environment env);
  }

  /** Which of {@code refs} are missing in the environment's account, by reference id. */
  @FunctionalInterface
  public interface ReferenceCheck {
    Map<String, String> problems(Environment env, List<ConfigRef> refs);
  }

  /** Threads that read kinds and environments in parallel; more reads queue. */
  public static final int READER_THREADS = 4;

  private final AccountCheck accounts;
  private final ReferenceCheck references;
  private final List<KindModule<?, ?>> modules;
  private final ExecutorService readers;

  /**
   * {@code readers} runs the reads of a pass in parallel (a pool of {@link #READER_THREADS}); its
   * creator shuts it down.
   */
  public Reconciler(
      AccountCheck accounts,
      ReferenceCheck references,
      List<KindModule<?, ?>> modules,
      ExecutorService readers) {
    this.accounts = accounts;
    this.references = references;
    this.modules = List.copyOf(modules);
    this.readers = readers;
  }

  /** A pool for {@code readers}: daemon threads named aws-reader. */
  public static ExecutorService readerPool() {
    return Executors.newFixedThreadPool(
        READER_THREADS,
        r -> {
          Thread t = new Thread(r, "aws-reader");
          t.setDaemon(true);
          return t;
        });
  }

  /** Whether the caller is in the environment's account (a read: the start-up check uses it). */
  public Optional<String> checkAccount(Environment env) {
    return accounts.refusal(env);
  }

  /**
   * Reads live state and plans {@code state} (the commit's declarations, maybe scoped); nothing is
   * written. An empty filter selects every environment.
   */
  public Evaluation prepare(
      Commit commit, LoadResult load, DesiredState state, Set<String> environments) {
    Evaluation evaluation = Evaluation.unplanned(commit, load);
    List<PlanError> errors = new ArrayList<>();
    for (String name : environments) {
      if (state.environment(name).isEmpty()) {
        ResourceId id = ResourceId.environment(name);
        String message = "no environment folder named " + name + " in the manifests";
        errors.add(new PlanError(id, new Source(name + "/", 0), message));
      }
    }
    List<EnvironmentManifests> selected = new ArrayList<>();
    for (EnvironmentManifests em : state.environments()) {
      if (!environments.isEmpty() && !environments.contains(em.environment().name())) continue;
      if (em.resources().isEmpty())
        continue; // nothing to read or write here (or outside a scoped pass)
      selected.add(em);
    }
    // Checks per environment first (account, references). Then one read per kind and read key:
    // environments in the same account, Region and role read the same functions, APIs and
    // clusters, so one call serves all of them (and each is still planned on its own). Different
    // keys and kinds are read at the same time: each account and API family has its own quota.
    Map<String, List<EnvironmentManifests>> byReadKey = new LinkedHashMap<>();
    for (EnvironmentManifests em : selected) {
      var refusal = accounts.refusal(em.environment());
      if (refusal.isPresent()) {
        ResourceId id = ResourceId.environment(em.environment().name());
        errors.add(new PlanError(id, em.environment().source(), refusal.get()));
        continue;
      }
      errors.addAll(missingReferences(em));
      byReadKey.computeIfAbsent(readKey(em.environment()), k -> new ArrayList<>()).add(em);
    }
    List<Callable<List<Evaluation>>> reads = new ArrayList<>();
    for (List<EnvironmentManifests> group : byReadKey.values()) {
      for (KindModule<?, ?> module : modules) {
        boolean any =
            group.stream()
                .anyMatch(em -> em.resources().stream().anyMatch(module.type()::isInstance));
        if (any) reads.add(() -> module.prepareShared(commit, load, group));
      }
    }
    evaluation = evaluation.withErrors(errors);
    for (List<Evaluation> parts : readAll(reads)) {
      for (Evaluation part : parts) evaluation = evaluation.merge(part);
    }
    return evaluation;
  }

  /**
   * What one read can serve: environments with the same account, Region and role see the same live
   * state with the same permissions.
   */
  static String readKey(Environment env) {
    return env.accountId() + "|" + env.region() + "|" + env.roleArn().orElse("");
  }

  /**
   * Runs the reads on the pool (the rate limiters are shared and thread-safe; so are the readers'
   * caches), results in the order given. A single read runs on the calling thread.
   */
  private <T> List<T> readAll(List<Callable<T>> reads) {
    List<T> results = new ArrayList<>();
    try {
      if (reads.size() == 1) {
        results.add(reads.get(0).call());
        return results;
      }
      List<Future<T>> futures = new ArrayList<>();
      // Each read runs in the caller's lane: a drift sweep's reads give way on every thread.
      for (Callable<T> read : reads) futures.add(readers.submit(CallLane.carried(read)));
      try {
        for (Future<T> f : futures) results.add(f.get());
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
}
