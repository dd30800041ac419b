package dev.pointsman.live.lambda;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
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
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Reads aliases with one (paginated) ListAliases per function, never one GetAlias per alias, and
 * the code hash of each published version the manifests name. Published versions are immutable, so
 * their hashes are cached for the life of the process; {@code $LATEST} is read every time.
 */
public final class LambdaAliasReader implements LiveReader<LambdaAlias, LambdaAliasObservation> {
  private final AwsClients clients;
  private final AwsCalls calls;
  private final Map<String, String> publishedCodeSha = new ConcurrentHashMap<>();

  public LambdaAliasReader(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  @Override
  public Map<ResourceId, Observed<LambdaAliasObservation>> read(
      Environment env, List<LambdaAlias> desired) {
    Map<String, List<LambdaAlias>> byFunction = new LinkedHashMap<>();
    desired.forEach(
        d -> byFunction.computeIfAbsent(d.functionName(), k -> new ArrayList<>()).add(d));
    LambdaClient lambda = clients.lambda(env);
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

  private Optional<String> codeSha(
      Environment env, LambdaClient lambda, String function, String version) {
    boolean immutable = !LambdaAlias.LATEST.equals(version);
    String key = env.accountId() + "|" + env.region() + "|" + function + ":" + version;
    String cached = immutable ? publishedCodeSha.get(key) : null;
    if (cached != null) return Optional.of(cached);
    try {
      String sha =
          calls
              .call(() -> lambda.getFunction(r -> r.functionName(function).qualifier(version)))
              .configuration()
              .codeSha256();
      if (immutable) publishedCodeSha.put(key, sha);
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
