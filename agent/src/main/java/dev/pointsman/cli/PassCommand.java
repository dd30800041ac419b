package dev.pointsman.cli;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.hooks.HookStore;
import dev.pointsman.model.Commit;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.reconcile.StateStore;
import dev.pointsman.reconcile.WriteGuard;
import dev.pointsman.rollout.RolloutStore;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** Shared body of {@code plan} and {@code apply}: one pass over the tip of the followed branch. */
final class PassCommand {
  private PassCommand() {}

  static int run(SourceOptions source, boolean apply) {
    Printer printer = new Printer(System.out);
    ExecutorService readers = Reconciler.readerPool();
    Clock clock = Clock.systemUTC();
    try (GitSource git = new GitSource(GitOptions.settings(source));
        AwsClients aws = AwsClients.limited(source.quotas())) {
      Commit commit = git.sync();
      PassResult result =
          Components.pass(
                  new Components.Wiring(
                      aws,
                      new AwsCalls(AwsCalls.RetryPolicy.defaults()),
                      source.signatures(git),
                      readers,
                      WriteGuard.ALWAYS,
                      clock),
                  new RolloutStore(source.workdir()),
                  (r, e) -> System.out.println("rollout " + r.key() + ": " + e),
                  new HookStore(source.workdir()),
                  (id, title, detail) -> System.out.println(title + " (" + id + "): " + detail))
              .run(commit, git.files(commit.sha(), source.path), source.environments(), apply);
      printer.pass(result);
      if (apply && result.rolloutInProgress()) {
        System.out.println(
            "A rollout is in progress: `pointsman run` (or apply again later) moves it through its steps.");
      }
      if (apply && result.settled()) {
        new StateStore(source.workdir())
            .recordApplied(
                new StateStore.AppliedCommit(commit.sha(), commit.subject(), clock.instant()));
      }
      return switch (result.status()) {
        case CONVERGED, APPLIED -> 0;
        case PENDING -> 2;
        case REJECTED, PLAN_FAILED, PARTIALLY_APPLIED -> 1;
      };
    } catch (GitException | IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } finally {
      readers.shutdownNow();
    }
  }
}
