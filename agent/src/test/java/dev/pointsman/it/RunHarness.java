package dev.pointsman.it;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.cli.AgentRuntime;
import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.notify.WebhookNotifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code run} runtime in process: real Git repo, AWS through the recorder, chat to a local
 * receiver.
 */
public final class RunHarness implements AutoCloseable {
  public final HttpRecorder recorder;
  public final GitSource git;
  public final WebhookNotifier chat;
  public final AgentRuntime runtime;

  public RunHarness(String repoUrl, Path workdir, ChatReceiver receiver, Duration healGap) {
    this(repoUrl, workdir, receiver, healGap, Emulator.endpoint());
  }

  /** With AWS reached through {@code upstream} (a fault-injecting proxy, say). */
  public RunHarness(
      String repoUrl,
      Path workdir,
      ChatReceiver receiver,
      Duration healGap,
      java.net.URI upstream) {
    this(repoUrl, workdir, receiver, healGap, upstream, java.util.Map.of(), Duration.ofSeconds(30));
  }

  /** With pull-request previews posted to {@code forges}, retried after {@code previewRetry}. */
  public RunHarness(
      String repoUrl,
      Path workdir,
      ChatReceiver receiver,
      Duration healGap,
      java.net.URI upstream,
      java.util.Map<dev.pointsman.forge.PullRequest.Kind, dev.pointsman.forge.Forge> forges,
      Duration previewRetry) {
    recorder = new HttpRecorder(upstream);
    git =
        new GitSource(
            new GitSettings(
                repoUrl, Optional.empty(), workdir, Optional.empty(), Optional.empty()));
    chat =
        new WebhookNotifier(
            "test",
            receiver.url(),
            dev.pointsman.notify.Payloads::generic,
            Duration.ofMillis(50),
            3);
    runtime =
        AgentRuntime.create(
            new AgentRuntime.Spec(
                    repoUrl,
                    ".",
                    Set.of(),
                    workdir,
                    healGap,
                    Emulator.credentials(),
                    Optional.of(recorder.endpoint()),
                    new AwsCalls.RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(500)),
                    Kinds.defaultQuotas(),
                    chat,
                    Clock.systemUTC(),
                    AgentRuntime.SignaturePolicyFactory.NONE)
                .withForges(forges, previewRetry),
            git);
  }

  /**
   * The agent's HTTP face on a free loopback port: webhook secret (for both hooks) and rollout
   * control token as given, {@code trigger} for pushes and controls.
   */
  public dev.pointsman.http.AgentHttpServer http(
      Optional<String> webhookSecret, Optional<String> controlToken, Runnable trigger)
      throws java.io.IOException {
    Optional<dev.pointsman.git.Secret> hooks = webhookSecret.map(dev.pointsman.git.Secret::new);
    return new dev.pointsman.http.AgentHttpServer(
        new java.net.InetSocketAddress("127.0.0.1", 0),
        new dev.pointsman.http.AgentHttpServer.Wiring(
            runtime.status(),
            runtime.drifts(),
            runtime.health(),
            runtime.metrics(),
            Duration.ofMinutes(1),
            Optional.empty(),
            hooks,
            hooks,
            trigger,
            runtime.rollouts(),
            controlToken.map(dev.pointsman.git.Secret::new),
            runtime.rolloutEvents(),
            runtime.previews()));
  }

  @Override
  public void close() {
    runtime.close(); // stops the warm start, which writes under the work directory
    chat.close();
    git.close();
    recorder.close();
  }
}
