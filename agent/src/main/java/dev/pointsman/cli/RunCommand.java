package dev.pointsman.cli;

import dev.pointsman.forge.Forge;
import dev.pointsman.forge.GitHubForge;
import dev.pointsman.forge.GitLabForge;
import dev.pointsman.forge.PullRequest;
import dev.pointsman.git.GitSource;
import dev.pointsman.git.HttpKeepAlive;
import dev.pointsman.git.Redact;
import dev.pointsman.http.AgentHttpServer;
import dev.pointsman.notify.Notifier;
import dev.pointsman.notify.Notifiers;
import dev.pointsman.notify.WebhookNotifier;
import dev.pointsman.reconcile.AgentLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pointsman run}: the agent loop with its HTTP face, until SIGTERM or SIGINT. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Follow the branch, apply each new commit, sweep for drift, report to chat; serve health, metrics and webhooks.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin SourceOptions source;
  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    if (run.interval.isNegative()
        || run.interval.isZero()
        || run.driftInterval.isNegative()
        || run.driftInterval.isZero()) {
      System.err.println("error: --interval and --drift-interval must be positive");
      return 1;
    }
    // Before the first request to the Git server: the JDK reads it once.
    HttpKeepAlive.configure(run.interval);
    Notifiers notifiers = notifiers();
    CountDownLatch done = new CountDownLatch(1);
    try (GitSource git = new GitSource(GitOptions.settings(source));
        AgentRuntime rt =
            AgentRuntime.create(
                AgentRuntime.Spec.standard(
                        source, run.healMinGap, notifiers, aws -> Leases.of(run, source, aws))
                    .withForges(forges()),
                git)) {
      AgentLoop loop = rt.loop(run.interval, run.driftInterval);
      AgentHttpServer http =
          new AgentHttpServer(
              new InetSocketAddress(run.httpBind, run.httpPort),
              new AgentHttpServer.Wiring(
                  rt.status(),
                  rt.drifts(),
                  rt.health(),
                  rt.metrics(),
                  run.interval.multipliedBy(3).plusSeconds(30),
                  source.branch(),
                  SecretSources.read(run.githubSecretFile, "POINTSMAN_GITHUB_WEBHOOK_SECRET"),
                  SecretSources.read(run.gitlabTokenFile, "POINTSMAN_GITLAB_WEBHOOK_TOKEN"),
                  loop::trigger,
                  rt.rollouts(),
                  SecretSources.read(run.controlTokenFile, "POINTSMAN_CONTROL_TOKEN"),
                  rt.rolloutEvents(),
                  rt.previews(),
                  Optional.of(source.repo)));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    loop.stop();
                    try {
                      // The loop finishes its current step, then the runtime delivers queued chat
                      // (AgentRuntime.CHAT_GRACE): within Kubernetes' default 30 s grace.
                      done.await(25, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "pointsman-shutdown"));
      log.info(
          "{} following {} of {} every {}, drift sweep every {}, chat: {}",
          PointsmanCommand.version(),
          source.branch().orElse("the default branch"),
          Redact.urls(source.repo),
          run.interval,
          run.driftInterval,
          notifiers.targets().isEmpty() ? "none" : notifiers.targets());
      try (http) {
        loop.run();
      }
    } finally {
      done.countDown();
    }
    log.info("stopped");
    return 0;
  }

  /** The forges that pull-request previews are posted to: those with a token. */
  private Map<PullRequest.Kind, Forge> forges() throws IOException {
    Map<PullRequest.Kind, Forge> forges = new EnumMap<>(PullRequest.Kind.class);
    SecretSources.read(run.githubApiTokenFile, "POINTSMAN_GITHUB_TOKEN")
        .ifPresent(
            t ->
                forges.put(
                    PullRequest.Kind.GITHUB,
                    new GitHubForge(run.githubApiUrl, t, Clock.systemUTC())));
    SecretSources.read(run.gitlabApiTokenFile, "POINTSMAN_GITLAB_TOKEN")
        .ifPresent(
            t ->
                forges.put(
                    PullRequest.Kind.GITLAB,
                    new GitLabForge(run.gitlabApiUrl, t, Clock.systemUTC())));
    return forges;
  }

  private Notifiers notifiers() throws IOException {
    List<Notifier> targets = new ArrayList<>();
    SecretSources.read(run.slackFile, "POINTSMAN_SLACK_WEBHOOK_URL")
        .ifPresent(u -> targets.add(WebhookNotifier.slack(URI.create(u.reveal()))));
    SecretSources.read(run.teamsFile, "POINTSMAN_TEAMS_WEBHOOK_URL")
        .ifPresent(u -> targets.add(WebhookNotifier.teams(URI.create(u.reveal()))));
    SecretSources.read(run.webhookFile, "POINTSMAN_WEBHOOK_URL")
        .ifPresent(u -> targets.add(WebhookNotifier.generic(URI.create(u.reveal()))));
    return new Notifiers(targets);
  }
}
