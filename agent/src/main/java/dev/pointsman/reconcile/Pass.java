package dev.pointsman.reconcile;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestFile;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.Commit;
import dev.pointsman.plan.Plan;
import java.util.List;
import java.util.Set;
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

  public Pass(ManifestLoader loader, Reconciler reconciler) {
    this.loader = loader;
    this.reconciler = reconciler;
  }

  public PassResult run(
      Commit commit, List<ManifestFile> files, Set<String> environments, boolean apply) {
    LoadResult load = loader.load(files);
    if (!load.valid()) {
      return new PassResult(commit, load.errors(), Plan.empty(), List.of());
    }
    Reconciler.PreparedCommit prepared = reconciler.prepare(load.state(), environments);
    Plan plan = prepared.plan();
    if (!apply || !plan.errors().isEmpty() || plan.pending().isEmpty()) {
      return new PassResult(commit, List.of(), plan, List.of());
    }
    List<ApplyResult> results = prepared.apply();
    results.forEach(r -> logResult(commit, r));
    return new PassResult(commit, List.of(), plan, results);
  }

  private static void logResult(Commit commit, ApplyResult r) {
    if (r.failed()) {
      log.error("failed {} (commit {}): {}", r.change().summary(), commit, r.detail());
    } else {
      log.info(
          "{} {} (commit {})",
          r.outcome().name().toLowerCase(java.util.Locale.ROOT),
          r.change().summary(),
          commit);
    }
  }
}
