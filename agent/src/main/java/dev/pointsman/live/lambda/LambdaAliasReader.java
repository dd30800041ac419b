package dev.pointsman.live.lambda;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.aws.CallLane;
import dev.pointsman.aws.lambda.FunctionVersions;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.LambdaFunctionObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.Observed;
import dev.pointsman.model.Percent;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Routing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Reads aliases with one (paginated) ListAliases per function, never one GetAlias per alias, and
 * the code hash of each published version the manifests name. Published versions are immutable, so
 * their hashes are cached for the life of the process; {@code $LATEST} is read every time.
 *
 * <p>In the foreground (a commit pass: a promotion), the hash of a version not cached yet is read
 * beside the function's ListAliases rather than after it: a promotion names a version the alias
 * does not serve yet, whose hash the plan checks, and one round trip to AWS is saved. When the
 * alias serves it already the read was not needed, and its answer is kept for the life of the
 * process. Background reads (the drift sweep, a catch-up) never read ahead: they cost the minimum
 * calls.
 */
public final class LambdaAliasReader implements LiveReader<LambdaAlias, LambdaAliasObservation> {
  private final AwsClients clients;
  private final AwsCalls calls;
  private final Map<String, String> publishedCodeSha = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Optional<String>>> readingAhead =
      new ConcurrentHashMap<>();
  // Reads ahead run here, a few at a time (a commit pass covers few aliases); more are not read
  // ahead. Threads end when idle.
  private final ThreadPoolExecutor ahead =
      new ThreadPoolExecutor(
          4,
          4,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(READ_AHEAD_MAX),
          r -> {
            Thread t = new Thread(r, "lambda-read-ahead");
            t.setDaemon(true);
            return t;
          });

  public LambdaAliasReader(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
    ahead.allowCoreThreadTimeOut(true);
  }

  @Override
  public Map<ResourceId, Observed<LambdaAliasObservation>> read(
      Environment env, List<LambdaAlias> desired) {
    Map<String, List<LambdaAlias>> byFunction = new LinkedHashMap<>();
    desired.forEach(
        d -> byFunction.computeIfAbsent(d.functionName(), k -> new ArrayList<>()).add(d));
    LambdaClient lambda = clients.lambda(env);
    if (CallLane.foreground() && desired.size() <= READ_AHEAD_MAX) {
      for (LambdaAlias a : desired) {
        if (a.awaitsPublish()) continue;
        readAhead(env, lambda, a.functionName(), a.version());
        a.routing().ifPresent(r -> readAhead(env, lambda, a.functionName(), r.version()));
      }
    }
    Map<ResourceId, Observed<LambdaAliasObservation>> result = new HashMap<>();
    byFunction.forEach(
        (function, aliases) -> {
          Map<String, AliasConfiguration> live;
          try {
            live = listAliases(lambda, function);
          } catch (ResourceNotFoundException e) {
            aliases.forEach(
                a ->
                    result.put(
                        a.id(),
                        Observed.failed(
                            "function "
                                + function
                                + " does not exist in account "
                                + env.accountId()
                                + " ("
                                + env.region()
                                + ")")));
            return;
          } catch (SdkException e) {
            aliases.forEach(
                a ->
                    result.put(
                        a.id(), Observed.failed("ListAliases failed: " + AwsFailure.describe(e))));
            return;
          }
          for (LambdaAlias a : aliases) {
            result.put(a.id(), observe(env, lambda, a, Optional.ofNullable(live.get(a.alias()))));
          }
        });
    return result;
  }

  private Observed<LambdaAliasObservation> observe(
      Environment env,
      LambdaClient lambda,
      LambdaAlias desired,
      Optional<AliasConfiguration> alias) {
    Map<String, Optional<String>> versions = new HashMap<>();
    try {
      if (!desired.awaitsPublish())
        versions.put(
            desired.version(),
            servedAlready(desired, alias, desired.version())
                ? Optional.of(LambdaAliasObservation.NOT_READ)
                : codeSha(env, lambda, desired.functionName(), desired.version()));
      // The live version too when a rollout may keep it as the primary while it shifts traffic
      // (the plan then checks it); a plain promotion moves away from it and needs nothing of it.
      if (desired.rollout().isPresent()
          && alias.isPresent()
          && !versions.containsKey(alias.get().functionVersion())) {
        String liveVersion = alias.get().functionVersion();
        versions.put(liveVersion, codeSha(env, lambda, desired.functionName(), liveVersion));
      }
      if (desired.routing().isPresent()) {
        String v = desired.routing().get().version();
        versions.put(
            v,
            servedAlready(desired, alias, v)
                ? Optional.of(LambdaAliasObservation.NOT_READ)
                : codeSha(env, lambda, desired.functionName(), v));
      }
    } catch (SdkException e) {
      return Observed.failed("GetFunction failed: " + AwsFailure.describe(e));
    }
    Optional<String> match = Optional.empty();
    Optional<LambdaFunction> spec =
        desired.publishedFrom().flatMap(LambdaAlias.PublishedFrom::function);
    if (spec.isPresent()) {
      try {
        var published = FunctionVersions.list(lambda, calls, desired.functionName());
        match = LambdaFunctionObservation.match(published, spec.get());
        match.ifPresent(v -> versions.put(v, Optional.of(spec.get().code().sha256())));
      } catch (SdkException e) {
        return Observed.failed("ListVersionsByFunction failed: " + AwsFailure.describe(e));
      }
    }
    return Observed.ok(
        new LambdaAliasObservation(
            alias.map(a -> toLive(desired.functionName(), a)), versions, match));
  }

  private Map<String, AliasConfiguration> listAliases(LambdaClient lambda, String function) {
    Map<String, AliasConfiguration> aliases = new HashMap<>();
    String marker = null;
    do {
      String page = marker;
      ListAliasesResponse response =
          calls.call(
              () -> lambda.listAliases(r -> r.functionName(function).marker(page).maxItems(10000)));
      response.aliases().forEach(a -> aliases.put(a.name(), a));
      marker = response.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return aliases;
  }

  /**
   * True when the live alias already serves {@code version} (as its version or its routing's) and
   * no code hash is asserted: on AWS an alias cannot point at a version that does not exist, so
   * there is nothing to check and no GetFunction to pay. A version about to become live, or an
   * asserted hash, is still read. (The emulator lets an alias point at a missing version; that
   * leniency is covered by a unit test, not paid for here.)
   */
  static boolean servedAlready(
      LambdaAlias desired, Optional<AliasConfiguration> live, String version) {
    if (desired.codeSha256().isPresent() || live.isEmpty()) return false;
    AliasConfiguration a = live.get();
    if (version.equals(a.functionVersion())) return true;
    return a.routingConfig() != null
        && a.routingConfig().hasAdditionalVersionWeights()
        && a.routingConfig().additionalVersionWeights().containsKey(version);
  }

  /** Aliases a foreground read reads ahead for (more: a wide pass, read one after the other). */
  static final int READ_AHEAD_MAX = 8;

  /** Starts reading the hash of published {@code version} unless cached or being read. */
  private void readAhead(Environment env, LambdaClient lambda, String function, String version) {
    if (LambdaAlias.LATEST.equals(version)) return;
    String key = key(env, function, version);
    if (publishedCodeSha.containsKey(key)) return;
    CompletableFuture<Optional<String>> reading = new CompletableFuture<>();
    if (readingAhead.putIfAbsent(key, reading) != null) return;
    try {
      ahead.execute(
          () -> {
            try {
              reading.complete(read(lambda, function, version, key));
            } catch (RuntimeException e) {
              reading.completeExceptionally(e);
            } finally {
              readingAhead.remove(key, reading);
            }
          });
    } catch (RejectedExecutionException e) { // enough reading ahead: read when needed
      readingAhead.remove(key, reading);
      reading.cancel(false);
    }
  }

  private static String key(Environment env, String function, String version) {
    return env.accountId() + "|" + env.region() + "|" + function + ":" + version;
  }

  /** The hash of {@code version}: cached, being read ahead (waited for), or read now. */
  private Optional<String> codeSha(
      Environment env, LambdaClient lambda, String function, String version) {
    String key = key(env, function, version);
    String cached = publishedCodeSha.get(key);
    if (cached != null && !LambdaAlias.LATEST.equals(version)) return Optional.of(cached);
    CompletableFuture<Optional<String>> reading = readingAhead.get(key);
    if (reading != null) {
      try {
        return reading.join();
      } catch (CancellationException e) {
        // not read ahead after all: read it here
      } catch (CompletionException e) {
        if (e.getCause() instanceof SdkException sdk) throw sdk;
        throw e;
      }
    }
    return read(lambda, function, version, key);
  }

  /** One GetFunction; a published version's hash is kept. Empty when the version does not exist. */
  private Optional<String> read(LambdaClient lambda, String function, String version, String key) {
    try {
      String sha =
          calls
              .call(() -> lambda.getFunction(r -> r.functionName(function).qualifier(version)))
              .configuration()
              .codeSha256();
      if (!LambdaAlias.LATEST.equals(version)) publishedCodeSha.put(key, sha);
      return Optional.of(sha);
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  static LiveLambdaAlias toLive(String function, AliasConfiguration a) {
    Optional<Routing> routing = Optional.empty();
    if (a.routingConfig() != null && a.routingConfig().hasAdditionalVersionWeights()) {
      routing =
          a.routingConfig().additionalVersionWeights().entrySet().stream()
              .findFirst()
              .map(e -> new Routing(e.getKey(), Percent.fromFraction(e.getValue())));
    }
    return new LiveLambdaAlias(function, a.name(), a.functionVersion(), routing, a.revisionId());
  }
}
