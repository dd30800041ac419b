package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
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
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one commit: validate everything, read live state, plan, and (when asked) apply. A
 * commit with any validation or plan error is not applied at all.
 */
public final class Pass {
  private static final Logger log = LoggerFactory.getLogger(Pass.class);

  private final ManifestLoader loader;
  private final Reconciler reconciler;
  private final SignaturePolicy signatures;

  public Pass(ManifestLoader loader, Reconciler reconciler) {
    this(loader, reconciler, SignaturePolicy.NONE);
  }

  public Pass(ManifestLoader loader, Reconciler reconciler, SignaturePolicy signatures) {
    this.loader = loader;
    this.reconciler = reconciler;
    this.signatures = signatures;
  }

  /** Parses (what changed since the last load) and validates a commit's files. */
  public LoadResult load(List<ManifestFile> files) {
    return loader.load(files);
  }

  /** The last loaded commit patched with the files the next one changed (see ManifestLoader). */
  public Optional<LoadResult> update(LoadResult base, List<FileChange> changes) {
    return loader.update(base, changes);
  }

  /** What the last {@link #load} or {@link #update} did. */
  public ManifestLoader.Stats loadStats() {
    return loader.lastStats();
  }

  /** Validates, reads live state and plans; writes nothing. */
  public Evaluation evaluate(Commit commit, List<ManifestFile> files, Set<String> environments) {
    return evaluate(commit, files, environments, Optional.empty());
  }

  /**
   * Validates the whole commit but reads, plans and applies only what {@code scope} covers: a
   * promotion costs what it changes, not the size of the fleet. Empty = every resource.
   */
  public Evaluation evaluate(
      Commit commit, List<ManifestFile> files, Set<String> environments, Optional<Scope> scope) {
    return evaluate(commit, loader.load(files), environments, scope);
  }

  /** As above, for manifests loaded already (by {@link #load}). */
  public Evaluation evaluate(
      Commit commit, LoadResult loaded, Set<String> environments, Optional<Scope> scope) {
    LoadResult load = signed(commit, loaded, environments);
    if (!load.valid()) return new Evaluation(commit, load, Optional.empty());
    DesiredState state = scope.map(sc -> only(load.state(), sc)).orElse(load.state());
    return new Evaluation(commit, load, Optional.of(reconciler.prepare(state, environments)));
  }

  /**
   * What a scoped pass covers: resources declared in {@code files} (every resource of an
   * environment whose environment.yaml is among them), plus the {@code resources} named (rollouts
   * in progress, which a revert may move without changing a file since the last settled commit; or
   * a slice of the drift sweep).
   */
  public record Scope(Set<String> files, Set<ResourceId> resources) {
    boolean covers(DesiredResource r) {
      return files.contains(r.source().file()) || resources.contains(r.id());
    }
  }

  private static DesiredState only(DesiredState state, Scope scope) {
    List<EnvironmentManifests> envs = new ArrayList<>();
    for (EnvironmentManifests em : state.environments()) {
      boolean whole = scope.files().contains(em.environment().source().file());
      List<DesiredResource> mine =
          em.resources().stream().filter(r -> whole || scope.covers(r)).toList();
      envs.add(new EnvironmentManifests(em.environment(), mine));
    }
    return new DesiredState(envs);
  }

  /** Evaluates and, when {@code apply}, applies every pending change of an error-free plan. */
  public PassResult run(
      Commit commit, List<ManifestFile> files, Set<String> environments, boolean apply) {
    Evaluation evaluation = evaluate(commit, files, environments);
    return apply ? evaluation.applyAll() : evaluation.result(List.of());
  }

  /** A validated, planned commit that can still be applied (wholly or in part). */
  public record Evaluation(
      Commit commit, LoadResult load, Optional<Reconciler.PreparedCommit> prepared) {
    public Plan plan() {
      return prepared.map(Reconciler.PreparedCommit::plan).orElse(Plan.empty());
    }

    public DesiredState desired() {
      return load.state();
    }

    public PassResult result(List<ApplyResult> applied) {
      boolean rolling = prepared.map(Reconciler.PreparedCommit::rolloutInProgress).orElse(false);
      return new PassResult(commit, load.errors(), plan(), applied, rolling);
    }

    /**
     * Applies every pending change of an error-free plan and records this pass's rollout decisions
     * (also when nothing is pending: a rollout waiting in a pause still records its step).
     */
    public PassResult applyAll() {
      if (prepared.isEmpty() || !plan().errors().isEmpty()) return result(List.of());
      List<ApplyResult> results = prepared.get().apply();
      results.forEach(r -> logResult(commit, r));
      return result(results);
    }

    /** Applies the pending changes {@code which} selects, if the plan is free of errors. */
    public PassResult apply(Predicate<Change> which) {
      if (prepared.isEmpty() || !plan().errors().isEmpty() || plan().pending().isEmpty())
        return result(List.of());
      List<ApplyResult> results = prepared.get().apply(which);
      results.forEach(r -> logResult(commit, r));
      return result(results);
    }
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

  private static void logResult(Commit commit, ApplyResult r) {
    if (r.failed()) {
      log.error("failed {} (commit {}): {}", r.change().summary(), commit, r.detail());
    } else {
      log.info(
          "{} {} (commit {})",
          r.outcome().name().toLowerCase(Locale.ROOT),
          r.change().summary(),
          commit);
    }
  }
}
