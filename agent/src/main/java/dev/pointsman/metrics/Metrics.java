package dev.pointsman.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The agent's metrics, exposed in Prometheus text format on /metrics. */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong openDrifts = new AtomicLong();
  private final AtomicLong lastAppliedCommitSeconds = new AtomicLong();
  private final AtomicLong sweepResources = new AtomicLong();
  private final AtomicLong sweepSlices = new AtomicLong();

  public Metrics() {
    Gauge.builder("pointsman.drifts.open", openDrifts, AtomicLong::get)
        .description("Drifts announced and not yet resolved")
        .register(registry);
    Gauge.builder("pointsman.last.applied.commit.time", lastAppliedCommitSeconds, AtomicLong::get)
        .description("When the last commit was fully applied (epoch seconds)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("pointsman.drift.sweep.resources", sweepResources, AtomicLong::get)
        .description("Resources compared by the last complete drift sweep")
        .register(registry);
    Gauge.builder("pointsman.drift.sweep.slices", sweepSlices, AtomicLong::get)
        .description("Slices of the last complete drift sweep")
        .register(registry);
  }

  public void reconcileTook(String trigger, Duration duration) {
    Timer.builder("pointsman.reconcile.duration")
        .description("One reconciliation pass")
        .tag("trigger", trigger)
        .register(registry)
        .record(duration);
  }

  public void changeApplied(String kind, String environment, String outcome) {
    Counter.builder("pointsman.changes.applied")
        .description("Changes applied to AWS")
        .tags("kind", kind, "environment", environment, "outcome", outcome)
        .register(registry)
        .increment();
  }

  public void awsCall(String service, String operation, String outcome) {
    Counter.builder("pointsman.aws.calls")
        .description("AWS API calls, counted by the SDK interceptor")
        .tags("service", service, "operation", operation, "outcome", outcome)
        .register(registry)
        .increment();
  }

  public void gitFetchTook(Duration duration, boolean ok) {
    Timer.builder("pointsman.git.fetch.duration")
        .description("Git fetch of the followed branch")
        .tag("outcome", ok ? "success" : "error")
        .register(registry)
        .record(duration);
  }

  /** One load of a commit's manifests: how long, and how many files were parsed or reused. */
  public void manifestsLoaded(Duration took, int parsed, int reused) {
    Timer.builder("pointsman.manifests.load.duration")
        .description("Parsing and validating a commit's manifests")
        .register(registry)
        .record(took);
    Counter.builder("pointsman.manifests.files.parsed")
        .description("Manifest files parsed (new or changed content)")
        .register(registry)
        .increment(parsed);
    Counter.builder("pointsman.manifests.files.reused")
        .description("Manifest files whose parsed form was reused (content unchanged)")
        .register(registry)
        .increment(reused);
  }

  /** A drift sweep round finished: every resource of the live commit was compared once. */
  public void sweepRound(Duration took, int slices, int resources) {
    reconcileTook("drift", took);
    sweepResources.set(resources);
    sweepSlices.set(slices);
  }

  /** A drift sweep slice gave way to a push (its reads cut short; read again after the push). */
  public void sweepYielded() {
    Counter.builder("pointsman.drift.sweep.yields")
        .description("Drift sweep slices whose reads gave way to a push")
        .register(registry)
        .increment();
  }

  /** A drift's author was looked up: named ({@code known}) or not. No principal as a label. */
  public void driftAttributed(boolean known) {
    Counter.builder("pointsman.drift.attributions")
        .description("Drifts whose author was looked up, by whether one was named")
        .tag("result", known ? "named" : "unknown")
        .register(registry)
        .increment();
  }

  public void openDrifts(int count) {
    openDrifts.set(count);
  }

  public void appliedCommitAt(Instant time) {
    lastAppliedCommitSeconds.set(time.getEpochSecond());
  }

  public String scrape() {
    return registry.scrape();
  }
}
