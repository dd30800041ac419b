package dev.pointsman.reconcile;

import dev.pointsman.aws.AwsOperation;
import dev.pointsman.aws.SdkModels;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestError;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.FileChange;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.PassResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One pass over one commit: validate everything, read live state, plan, and (when asked) apply. A
 * commit with any validation or plan error is not applied at all.
 */
public final class Pass {
  private final ManifestLoader loader;
  private final Reconciler reconciler;
  private final SignaturePolicy signatures;
  private final WriteGuard guard;
  private final Map<String, List<AwsOperation>> operations;
  private final PromotionRehearsal rehearsal;

  /** The key of {@code operations} whose calls any pass may make, whatever kinds it declares. */
  public static final String ANY_KIND = "*";

  public Pass(ManifestLoader loader, Reconciler reconciler) {
    this(loader, reconciler, SignaturePolicy.NONE);
  }

  public Pass(ManifestLoader loader, Reconciler reconciler, SignaturePolicy signatures) {
    this(loader, reconciler, signatures, WriteGuard.ALWAYS);
  }

  /** With {@code guard} asked before every write (leadership). */
  public Pass(
      ManifestLoader loader, Reconciler reconciler, SignaturePolicy signatures, WriteGuard guard) {
    this(loader, reconciler, signatures, guard, Map.of());
  }

  /**
   * As above; {@code operations}: the AWS operations a pass may call for each kind, and under
   * {@link #ANY_KIND} those of every pass (see {@link #prepareSdk}).
   */
  public Pass(
      ManifestLoader loader,
      Reconciler reconciler,
      SignaturePolicy signatures,
      WriteGuard guard,
      Map<String, List<AwsOperation>> operations) {
    this(loader, reconciler, signatures, guard, operations, PromotionRehearsal.NONE);
  }

  /** As above, with the promotions the warm start rehearses ({@link #rehearsePromotion}). */
  public Pass(
      ManifestLoader loader,
      Reconciler reconciler,
      SignaturePolicy signatures,
      WriteGuard guard,
      Map<String, List<AwsOperation>> operations,
      PromotionRehearsal rehearsal) {
    this.loader = loader;
    this.reconciler = reconciler;
    this.signatures = signatures;
    this.guard = guard;
    this.operations = new LinkedHashMap<>(operations);
    this.rehearsal = rehearsal;
  }

  /**
   * Loads the SDK classes of every operation a pass over {@code kinds} may call ahead of its first
   * call and sends each call of the services a pass writes to once to a loopback server, AWS not
   * called (see {@link SdkModels#prepareAndRehearse}), waiting whenever {@code busy}; returns how
   * many model classes it prepared.
   */
  public int prepareSdk(Set<String> kinds, BooleanSupplier busy) {
    List<AwsOperation> ops = new ArrayList<>();
    operations.forEach(
        (kind, list) -> {
          if (kinds.contains(kind)) ops.addAll(list);
        });
    ops.addAll(operations.getOrDefault(ANY_KIND, List.of()));
    return SdkModels.prepareAndRehearse(ops, busy);
  }

  /**
   * A promotion of each of {@code kinds} rehearsed on throwaway parts against a loopback server,
   * nothing live touched (see {@link PromotionRehearsal}), waiting whenever {@code busy}; rounds
   * after the first while {@code moreRounds} says so.
   */
  public PromotionRehearsal.Result rehearsePromotion(
      Set<String> kinds, BooleanSupplier busy, BooleanSupplier moreRounds) throws IOException {
    return rehearsal.run(kinds, busy, moreRounds);
  }

  /** Parses (what changed since the last load) and validates a commit's files. */
  public LoadResult load(List<ManifestFile> files) {
    return loader.load(files);
  }

  /** The last loaded commit patched with the files the next one changed (see ManifestLoader). */
  public Optional<LoadResult> update(LoadResult base, List<FileChange> changes) {
    return loader.update(base, changes);
  }

  /** A promotion in the largest of {@code files} rehearsed (see ManifestLoader#rehearse). */
  public ManifestLoader.Rehearsal rehearse(List<ManifestFile> files, BooleanSupplier idle) {
    return loader.rehearse(files, ManifestLoader.REHEARSED_EDITS, idle);
  }

  /** What the last {@link #load} or {@link #update} did. */
  public ManifestLoader.Stats loadStats() {
    return loader.lastStats();
  }

  /** Validates, reads live state and plans; writes nothing. */
  public Evaluation evaluate(Commit commit, List<ManifestFile> files, Set<String> environments) {
    return evaluate(commit, loader.load(files), environments, Optional.empty());
  }

  /**
   * Validates the whole commit but reads, plans and applies only what {@code scope} covers: a
   * promotion costs what it changes, not the size of the fleet. Empty = every resource.
   */
  public Evaluation evaluate(
      Commit commit, LoadResult loaded, Set<String> environments, Optional<Scope> scope) {
    LoadResult load = signed(commit, loaded, environments);
    if (!load.valid()) return Evaluation.unplanned(commit, load);
    DesiredState state =
        bound(scope.map(sc -> only(load.state(), sc)).orElse(load.state()), load.state());
    return reconciler.prepare(commit, load, state, environments).guardedBy(guard);
  }

  /**
   * Validates the whole commit but reads and plans just {@code resources} (a sweep or catch-up
   * slice, a held change, a warm-up read); writes nothing until applied.
   */
  public Evaluation evaluate(
      Commit commit, LoadResult loaded, Set<String> environments, Set<ResourceId> resources) {
    return evaluate(commit, loaded, environments, Optional.of(new Scope(Set.of(), resources)));
  }

  /** Whether the caller is in the environment's account (a read; marks AWS as reachable). */
  public Optional<String> checkAccount(Environment env) {
    return reconciler.checkAccount(env);
  }

  /**
   * What a scoped pass covers: resources declared in {@code files} (every resource of an
   * environment whose environment.yaml is among them), plus the {@code resources} named (rollouts
   * in progress, which a revert may move without changing a file since the last settled commit; or
   * a slice of the drift sweep).
   */
  public record Scope(Set<String> files, Set<ResourceId> resources) {
    /** Named resources up to which {@link #covers(DesiredResource, List)} compares one by one. */
    private static final int FEW_NAMED = 16;

    boolean covers(DesiredResource r) {
      return files.contains(r.source().file()) || resources.contains(r.id());
    }

    /**
     * {@link #covers(DesiredResource)} for a resource of an environment the scope names {@code
     * named} of: when few are named (a promotion's documents, a sweep slice's), without building
     * the resource's id, as a pass looks at every resource of an environment it touches.
     */
    boolean covers(DesiredResource r, List<ResourceId> named) {
      if (files.contains(r.source().file())) return true;
      if (named.size() > FEW_NAMED) return resources.contains(r.id());
      for (ResourceId id : named) if (r.is(id)) return true;
      return false;
    }
  }

  private static DesiredState only(DesiredState state, Scope scope) {
    List<EnvironmentManifests> envs = new ArrayList<>();
    Map<String, List<ResourceId>> named = new HashMap<>();
    scope
        .resources()
        .forEach(id -> named.computeIfAbsent(id.environment(), e -> new ArrayList<>()).add(id));
    for (EnvironmentManifests em : state.environments()) {
      String name = em.environment().name();
      if (scope.files().contains(em.environment().source().file())) {
        envs.add(em);
        continue;
      }
      // Files live in their environment's folder: an environment the scope names no resource of
      // and no file in is passed over without a look at its resources.
      if (!named.containsKey(name)
          && !scope.files().stream().anyMatch(f -> f.startsWith(name + "/"))) {
        envs.add(new EnvironmentManifests(em.environment(), List.of()));
        continue;
      }
      List<ResourceId> here = named.getOrDefault(name, List.of());
      List<DesiredResource> mine = new ArrayList<>();
      Set<String> covered = new HashSet<>();
      boolean dependents = false;
      for (DesiredResource r : em.resources()) {
        if (scope.covers(r, here)) {
          mine.add(r);
          covered.add(r.documentKey());
        } else if (r.dependsOn().isPresent()) {
          dependents = true;
        }
      }
      // A resource planned with another document (an alias published from a LambdaFunction) is
      // covered when that document is (a document declares one resource).
      if (dependents && !covered.isEmpty()) {
        mine =
            em.resources().stream()
                .filter(
                    r ->
                        scope.covers(r, here)
                            || r.dependsOn().filter(covered::contains).isPresent())
                .toList();
      }
      envs.add(new EnvironmentManifests(em.environment(), List.copyOf(mine)));
    }
    return new DesiredState(envs);
  }

  /**
   * Each resource of {@code state} that depends on another document of its environment (as declared
   * in {@code all}, the commit's whole state) is bound to it for this pass.
   */
  private static DesiredState bound(DesiredState state, DesiredState all) {
    boolean any =
        state.environments().stream()
            .anyMatch(em -> em.resources().stream().anyMatch(r -> r.dependsOn().isPresent()));
    if (!any) return state;
    List<EnvironmentManifests> envs = new ArrayList<>();
    for (EnvironmentManifests em : state.environments()) {
      Map<String, DesiredResource> byDocument = new HashMap<>();
      all.environment(em.environment().name())
          .ifPresent(e -> e.resources().forEach(r -> byDocument.put(r.documentKey(), r)));
      List<DesiredResource> resources = new ArrayList<>();
      for (DesiredResource r : em.resources()) {
        DesiredResource target = r.dependsOn().map(byDocument::get).orElse(null);
        resources.add(target == null ? r : r.bind(target));
      }
      envs.add(new EnvironmentManifests(em.environment(), resources));
    }
    return new DesiredState(envs);
  }

  /** Evaluates and, when {@code apply}, applies every pending change of an error-free plan. */
  public PassResult run(
      Commit commit, List<ManifestFile> files, Set<String> environments, boolean apply) {
    Evaluation evaluation = evaluate(commit, files, environments);
    if (!apply) return evaluation.result(List.of());
    PassResult result = evaluation.applyAll();
    // Publish then move: an alias named {publishedFrom} moves once its version exists.
    for (int i = 0; i < 2 && result.progressedWithDeferrals(); i++) {
      result = evaluate(commit, files, environments).applyAll();
    }
    return result;
  }

  /**
   * Protected environments take only commits signed by a trusted key, when signers are configured.
   */
  private LoadResult signed(Commit commit, LoadResult load, Set<String> environments) {
    if (!load.valid()) return load;
    List<String> guarded =
        load.state().environments().stream()
            .map(EnvironmentManifests::environment)
            .filter(
                e -> e.isProtected() && (environments.isEmpty() || environments.contains(e.name())))
            .map(Environment::name)
            .toList();
    if (guarded.isEmpty()) return load;
    return signatures
        .refuse(commit)
        .map(
            why ->
                new LoadResult(
                    load.state(),
                    List.of(
                        new ManifestError(
                            "commit " + commit.shortSha(),
                            0,
                            "",
                            why
                                + "; protected environment(s) "
                                + guarded
                                + " take only commits signed by a trusted key"))))
        .orElse(load);
  }
}
