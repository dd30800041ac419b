package dev.pointsman.it;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.cli.Components;
import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import dev.pointsman.hooks.HookEvents;
import dev.pointsman.hooks.HookStore;
import dev.pointsman.model.Commit;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.rollout.RolloutStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The agent as the CLI wires it, with its AWS traffic routed through an {@link HttpRecorder} and
 * its manifests read from a real Git repository.
 */
public final class AgentHarness implements AutoCloseable {
  public final HttpRecorder recorder;
  public final AwsClients clients;
  public final GitSource git;
  public final Pass pass;
  private final ExecutorService readers = Reconciler.readerPool();

  public AgentHarness(String repoUrl, Path workdir) {
    recorder = new HttpRecorder(Emulator.endpoint());
    clients = new AwsClients(Emulator.credentials(), Optional.of(recorder.endpoint()));
    git =
        new GitSource(
            new GitSettings(
                repoUrl, Optional.empty(), workdir, Optional.empty(), Optional.empty()));
    pass =
        Components.pass(
            new Components.Wiring(
                clients,
                new AwsCalls(
                    new AwsCalls.RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(500))),
                readers),
            new RolloutStore(workdir),
            (r, e) -> {},
            new HookStore(workdir),
            HookEvents.NONE);
  }

  public PassResult plan() throws GitException {
    return run(false);
  }

  public PassResult apply() throws GitException {
    return run(true);
  }

  private PassResult run(boolean apply) throws GitException {
    Commit commit = git.sync();
    return pass.run(commit, git.files(commit.sha(), "."), Set.of(), apply);
  }

  @Override
  public void close() {
    readers.shutdownNow();
    git.close();
    clients.close();
    recorder.close();
  }
}
