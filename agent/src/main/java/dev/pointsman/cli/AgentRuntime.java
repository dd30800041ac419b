package dev.pointsman.cli;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.Quotas;
import dev.pointsman.aws.RateLimits;
import dev.pointsman.drift.DriftStore;
import dev.pointsman.drift.DriftTracker;
import dev.pointsman.drift.HealGate;
import dev.pointsman.forge.Forge;
import dev.pointsman.forge.PullRequest;
import dev.pointsman.git.GitSource;
import dev.pointsman.hooks.HookEvents;
import dev.pointsman.hooks.HookStore;
import dev.pointsman.live.trail.CloudTrailAttributor;
import dev.pointsman.metrics.AwsCallInterceptor;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notifier;
import dev.pointsman.policy.Holds;
import dev.pointsman.policy.Ledger;
import dev.pointsman.preview.Previewer;
import dev.pointsman.preview.PullRequestPreviews;
import dev.pointsman.reconcile.Agent;
import dev.pointsman.reconcile.AgentLoop;
import dev.pointsman.reconcile.AgentParts;
import dev.pointsman.reconcile.Attributions;
import dev.pointsman.reconcile.ChangeQueues;
import dev.pointsman.reconcile.Leadership;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.reconcile.SignaturePolicy;
import dev.pointsman.reconcile.StateStore;
import dev.pointsman.reconcile.WriteGuard;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.status.Health;
import dev.pointsman.status.History;
import dev.pointsman.status.StatusBoard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Everything {@code run} needs, wired once: the agent, what the HTTP server shows, and the threads
 * behind them. It creates every executor it uses and closes them, the AWS clients and the chat
 * notifier (delivering what is queued within the shutdown grace) in {@link #close()}.
 */
public final class AgentRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

  /** How long stopping waits for queued chat messages. */
  public static final Duration CHAT_GRACE = Duration.ofSeconds(5);

  private final Agent agent;
  private final AwsClients aws;
  private final DriftTracker drifts;
  private final StatusBoard status;
  private final Health health;
  private final Metrics metrics;
  private final RolloutStore rollouts;
  private final RolloutEvents rolloutEvents;
  private final Leadership leadership;
  private final ExecutorService readers;
  private final Ledger ledger;
  private final ScheduledExecutorService scheduler;
  private final ScheduledExecutorService previewThread;
  private final Optional<PullRequestPreviews> previews;
  private final Notifier notifier;
  private final Clock clock;
  private final ExecutorService changeThreads;
  private final ExecutorService attributionThread;
  private final AwsCalls calls;
  private Optional<ChangeQueues> changeQueues = Optional.empty();

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
      SignaturePolicyFactory signatures,
      Function<AwsClients, Leadership> leadership,
      Map<PullRequest.Kind, Forge> forges,
      Duration previewRetry) {
    public Spec(
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
        SignaturePolicyFactory signatures,
        Function<AwsClients, Leadership> leadership) {
      this(
          repoUrl,
          path,
          environments,
          workdir,
          healMinGap,
          credentials,
          endpoint,
          retry,
          quotas,
          notifier,
          clock,
          signatures,
          leadership,
          Map.of(),
          Duration.ofSeconds(30));
    }

    /** The same spec, with pull-request previews posted to {@code forges}. */
    public Spec withForges(Map<PullRequest.Kind, Forge> forges) {
      return withForges(forges, Duration.ofSeconds(30));
    }

    /** As above; a preview the forge did not take is tried again after {@code retry} (doubling). */
    public Spec withForges(Map<PullRequest.Kind, Forge> forges, Duration previewRetry) {
      return new Spec(
          repoUrl,
          path,
          environments,
          workdir,
          healMinGap,
          credentials,
          endpoint,
          retry,
          quotas,
          notifier,
          clock,
          signatures,
          leadership,
          forges,
          previewRetry);
    }

    /** A single agent (no lease). */
    public Spec(
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
      this(
          repoUrl,
          path,
          environments,
          workdir,
          healMinGap,
          credentials,
          endpoint,
          retry,
          quotas,
          notifier,
          clock,
          signatures,
          aws -> Leadership.ALONE);
    }

    static Spec standard(
        SourceOptions s,
        Duration healMinGap,
        Notifier notifier,
        Function<AwsClients, Leadership> leadership) {
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
          s::signatures,
          leadership);
    }
  }

  /** The commit-signature rule, given the Git source it reads signatures from. */
  @FunctionalInterface
  public interface SignaturePolicyFactory {
    SignaturePolicy of(GitSource git);

    SignaturePolicyFactory NONE = git -> SignaturePolicy.NONE;
  }

  private AgentRuntime(Spec spec, GitSource git) {
    this.clock = spec.clock();
    this.notifier = spec.notifier();
    this.metrics = new Metrics();
    this.health = new Health(clock);
    this.aws =
        new AwsClients(
            spec.credentials(),
            spec.endpoint(),
            List.of(new AwsCallInterceptor(metrics, health)),
            Optional.of(new RateLimits(spec.quotas(), Duration.ofMinutes(1))));
    this.leadership = spec.leadership().apply(aws);
    this.readers = Reconciler.readerPool();
    this.calls = new AwsCalls(spec.retry());
    this.changeThreads = Executors.newCachedThreadPool(daemon("change-events"));
    this.attributionThread = Executors.newSingleThreadExecutor(daemon("drift-attribution"));
    CloudTrailAttributor trail = new CloudTrailAttributor(aws, calls, clock);
    this.ledger = new Ledger(spec.workdir());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("lease-renewal"));
    this.drifts = new DriftTracker(new DriftStore(spec.workdir()), clock);
    this.status = new StatusBoard(new History(spec.workdir()));
    this.rollouts = new RolloutStore(spec.workdir());
    Messages messages = new Messages(spec.repoUrl());
    this.rolloutEvents = new RolloutNews(notifier, messages, clock, ledger, status);
    HookEvents hookEvents =
        (id, title, detail) -> {
          log.warn("{}: {}", title, detail);
          notifier.send(messages.hookFailed(id, title, detail, clock.instant()));
        };
    Pass pass =
        Components.pass(
            new Components.Wiring(
                aws,
                new AwsCalls(spec.retry()),
                spec.signatures().of(git),
                readers,
                leadership::refusal,
                clock),
            rollouts,
            rolloutEvents,
            new HookStore(spec.workdir()),
            hookEvents);
    // Previews plan with their own pass (its loader must not disturb the agent's remembered load)
    // on their own thread, beside the loop; read-only: no rollouts, never applied.
    this.previewThread = Executors.newSingleThreadScheduledExecutor(daemon("pr-preview"));
    this.previews =
        spec.forges().isEmpty()
            ? Optional.empty()
            : Optional.of(
                new PullRequestPreviews(
                    git,
                    new Previewer(
                        git,
                        Components.pass(
                            new Components.Wiring(
                                aws,
                                new AwsCalls(spec.retry()),
                                spec.signatures().of(git),
                                readers,
                                WriteGuard.ALWAYS,
                                clock)),
                        spec.path(),
                        spec.environments()),
                    spec.forges(),
                    previewThread,
                    spec.previewRetry()));
    this.agent =
        new Agent(
            new Agent.Settings(spec.path(), spec.environments(), clock),
            new AgentParts(
                git,
                pass,
                new StateStore(spec.workdir()),
                drifts,
                new HealGate(clock, spec.healMinGap()),
                notifier,
                messages,
                status,
                metrics,
                health,
                rollouts,
                new Attributions(trail::who, attributionThread),
                ledger,
                new Holds(spec.workdir())));
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  public static AgentRuntime create(Spec spec, GitSource git) {
    return new AgentRuntime(spec, git);
  }

  /** The loop that drives the agent, renewing leadership on this runtime's scheduler. */
  public AgentLoop loop(Duration interval, Duration driftInterval) {
    AgentLoop loop = new AgentLoop(agent, interval, driftInterval, leadership, clock, scheduler);
    // One poller per change-event queue the live commit names; looked at every two seconds.
    ChangeQueues queues =
        new ChangeQueues(agent, loop, aws, calls, changeThreads, Duration.ofSeconds(20));
    changeQueues = Optional.of(queues);
    queues.refreshEvery(scheduler, Duration.ofSeconds(2));
    return loop;
  }

  /** The change-event queue pollers, once {@link #loop} made them. */
  public Optional<ChangeQueues> changeQueues() {
    return changeQueues;
  }

  /** Pull-request previews, when a forge token is configured. */
  public Optional<PullRequestPreviews> previews() {
    return previews;
  }

  public Agent agent() {
    return agent;
  }

  public AwsClients aws() {
    return aws;
  }

  public DriftTracker drifts() {
    return drifts;
  }

  public StatusBoard status() {
    return status;
  }

  public Health health() {
    return health;
  }

  public Metrics metrics() {
    return metrics;
  }

  public RolloutStore rollouts() {
    return rollouts;
  }

  public RolloutEvents rolloutEvents() {
    return rolloutEvents;
  }

  /** Stops the threads, delivers queued chat within {@link #CHAT_GRACE}, closes AWS clients. */
  @Override
  public void close() {
    agent.stop(Duration.ofSeconds(5)); // within the shutdown hook's 25 s, with chat's 5 s
    changeQueues.ifPresent(ChangeQueues::close);
    changeThreads.shutdownNow();
    attributionThread.shutdown(); // drift messages decided before the stop are still told
    scheduler.shutdownNow();
    previewThread.shutdownNow();
    readers.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
      readers.awaitTermination(10, TimeUnit.SECONDS);
      attributionThread.awaitTermination(CHAT_GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    notifier.close(CHAT_GRACE);
    ledger.close(); // the loop has stopped: what it recorded last is saved
    aws.close();
  }
}
