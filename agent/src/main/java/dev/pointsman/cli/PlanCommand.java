package dev.pointsman.cli;

import dev.pointsman.adopt.ManagedCheck;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.git.PinnedCommit;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.policy.Ledger;
import dev.pointsman.preview.PlanFormats;
import dev.pointsman.preview.PlanReport;
import dev.pointsman.preview.Previewer;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.reconcile.StateStore;
import dev.pointsman.reconcile.WriteGuard;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pointsman plan}: what apply (or merging a ref) would change, read-only. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Show what apply would change (or what merging --ref would). Exit 0 converged, 2 changes"
            + " pending, 1 errors.")
final class PlanCommand implements Callable<Integer> {
  @Mixin SourceOptions source;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (default), markdown (a pull-request comment) or json (stable; see docs)")
  String format;

  @Option(
      names = "--ref",
      description =
          "plan this ref of the remote instead of the branch tip (e.g. refs/pull/7/head), compared"
              + " with the branch tip")
  String ref;

  @Option(
      names = "--no-ownership-check",
      description =
          "do not warn about declared resources CloudFormation, SAM or CDK also manage (saves one"
              + " read per function)")
  boolean noOwnershipCheck;

  @Override
  public Integer call() {
    PlanFormats.Format f;
    try {
      f = PlanFormats.Format.of(format);
    } catch (IllegalArgumentException e) {
      System.err.println("error: --format: " + e.getMessage());
      return 1;
    }
    ExecutorService readers = Reconciler.readerPool();
    try (GitSource git = new GitSource(GitOptions.settings(source));
        AwsClients aws = AwsClients.limited(source.quotas());
        PinnedCommit pinned = ref == null ? null : git.pin(ref)) {
      Commit tip = git.sync();
      Commit planned = pinned == null ? tip : pinned.commit();
      // Compared with: the branch tip for a ref; otherwise the commit this work dir applied last.
      Optional<Commit> base =
          ref != null
              ? Optional.of(tip)
              : new StateStore(source.workdir()).lastApplied().flatMap(a -> commit(git, a.sha()));
      Pass pass =
          Components.pass(
              new Components.Wiring(
                  aws,
                  new AwsCalls(AwsCalls.RetryPolicy.defaults()),
                  source.signatures(git),
                  readers,
                  WriteGuard.ALWAYS,
                  Clock.systemUTC()));
      // Holds judged by the ledger the agent keeps in this work dir, read only: the agent may be
      // running in it (none: what is live now counts from now, so a promotion rule holds every
      // artifact move).
      Previewer previewer =
          new Previewer(
              git,
              pass,
              source.path,
              source.environments(),
              Ledger.readOnly(source.workdir()),
              Clock.systemUTC());
      PlanReport report = previewer.preview(planned, base);
      System.out.print(PlanFormats.render(report, f));
      LoadResult load = noOwnershipCheck ? null : pass.load(git.files(planned.sha(), source.path));
      if (load != null && load.valid()) {
        new ManagedCheck(aws, new AwsCalls(AwsCalls.RetryPolicy.defaults()))
            .warnings(load.state(), source.environments())
            .forEach(w -> System.err.println("warning: " + w));
      }
      return report.exitCode();
    } catch (GitException | IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } finally {
      readers.shutdownNow();
    }
  }

  private static Optional<Commit> commit(GitSource git, String sha) {
    try {
      return Optional.of(git.commit(sha));
    } catch (GitException e) {
      return Optional.empty();
    }
  }
}
