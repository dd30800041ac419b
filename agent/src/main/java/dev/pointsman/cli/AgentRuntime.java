package dev.pointsman.cli;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.Quotas;
import dev.pointsman.aws.RateLimits;
import dev.pointsman.drift.DriftStore;
import dev.pointsman.drift.DriftTracker;
import dev.pointsman.drift.HealGate;
import dev.pointsman.git.GitSource;
import dev.pointsman.metrics.AwsCallInterceptor;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notifier;
import dev.pointsman.reconcile.Agent;
import dev.pointsman.reconcile.SignaturePolicy;
import dev.pointsman.reconcile.StateStore;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.status.Health;
import dev.pointsman.status.StatusBoard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Everything {@code run} needs, wired once: the agent and what the HTTP server shows. */
public record AgentRuntime(
    Agent agent,
    AwsClients aws,
    DriftTracker drifts,
    StatusBoard status,
    Health health,
    Metrics metrics,
    RolloutStore rollouts,
    RolloutEvents rolloutEvents)
    implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

  /** How to build a runtime; tests pass their own endpoint, credentials and notifier. */
  public record Spec(
      String repoUrl,
      String path,
      Set<String> environments,
      Path workdir,
      Duration healMinGap,
      AwsCredentialsProvider credentials,
      Optional<URI> endpoint,
      AwsCalls.RetryPolicy retry,
      Quotas quotas,
      Notifier notifier,
      Clock clock,
      SignaturePolicyFactory signatures) {
    static Spec standard(SourceOptions s, Duration healMinGap, Notifier notifier) {
      return new Spec(
          s.repo,
          s.path,
          s.environments(),
          s.workdir(),
          healMinGap,
          DefaultCredentialsProvider.builder().build(),
          Optional.empty(),
          AwsCalls.RetryPolicy.defaults(),
          s.quotas(),
          notifier,
          Clock.systemUTC(),
          s::signatures);
    }
  }

  /** The commit-signature rule, given the Git source it reads signatures from. */
  @FunctionalInterface
  public interface SignaturePolicyFactory {
    SignaturePolicy of(GitSource git);

    SignaturePolicyFactory NONE = git -> SignaturePolicy.NONE;
  }

  public static AgentRuntime create(Spec spec, GitSource git) {
    Metrics metrics = new Metrics();
    Health health = new Health(spec.clock());
    AwsClients aws =
        new AwsClients(
            spec.credentials(),
            spec.endpoint(),
            List.of(new AwsCallInterceptor(metrics, health)),
            Optional.of(new RateLimits(spec.quotas(), Duration.ofMinutes(1))));
    DriftTracker drifts = new DriftTracker(new DriftStore(spec.workdir()), spec.clock());
    StatusBoard status = new StatusBoard();
    RolloutStore rollouts = new RolloutStore(spec.workdir());
    Messages messages = new Messages(spec.repoUrl());
    RolloutEvents events =
        (r, e) -> {
          log.info("rollout {}: {}", r.key(), e);
          spec.notifier().send(messages.rollout(r, e, spec.clock().instant()));
        };
    Agent agent =
        new Agent(
            new Agent.Settings(spec.path(), spec.environments(), spec.clock()),
            new Agent.Parts(
                git,
                Components.pass(
                    aws,
                    new AwsCalls(spec.retry()),
                    spec.signatures().of(git),
                    rollouts,
                    events,
                    spec.clock()),
                new StateStore(spec.workdir()),
                drifts,
                new HealGate(spec.clock(), spec.healMinGap()),
                spec.notifier(),
                messages,
                status,
                metrics,
                health,
                rollouts));
    return new AgentRuntime(agent, aws, drifts, status, health, metrics, rollouts, events);
  }

  @Override
  public void close() {
    aws.close();
  }
}
