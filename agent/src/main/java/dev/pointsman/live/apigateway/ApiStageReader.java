package dev.pointsman.live.apigateway;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.aws.apigateway.LambdaPermissions;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.model.Observed;
import dev.pointsman.model.Percent;
import dev.pointsman.model.ResourceId;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CanarySettings;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * Reads every stage of an API with one GetStages, resolves APIs named by name with GetRestApis
 * (once per pass, only when a manifest uses a name), checks that named deployments exist
 * (immutable, so cached), and asks {@link LambdaPermissions} whether each declared invoke
 * permission is present.
 */
public final class ApiStageReader implements LiveReader<ApiStage, ApiStageObservation> {
  private final AwsClients clients;
  private final AwsCalls calls;
  private final LambdaPermissions permissions;
  private final Clock clock;
  private final Set<String> knownDeployments = ConcurrentHashMap.newKeySet();

  private final Map<String, RestApiNames> namesByAccount = new ConcurrentHashMap<>();

  public ApiStageReader(
      AwsClients clients, AwsCalls calls, LambdaPermissions permissions, Clock clock) {
    this.clients = clients;
    this.calls = calls;
    this.permissions = permissions;
    this.clock = clock;
  }

  @Override
  public Map<ResourceId, Observed<ApiStageObservation>> read(
      Environment env, List<ApiStage> desired) {
    ApiGatewayClient api = clients.apiGateway(env);
    Map<ResourceId, Observed<ApiStageObservation>> result = new HashMap<>();
    RestApiNames names =
        namesByAccount.computeIfAbsent(
            env.accountId() + "|" + env.region(), k -> new RestApiNames(api, calls, clock));
    Map<String, Map<String, Stage>> stagesByApi = new HashMap<>();
    Set<String> missing = new HashSet<>(); // APIs found absent in this read: asked once
    Set<String> lookedUpAgain = new HashSet<>(); // names looked up afresh in this read
    for (ApiStage d : desired) {
      try {
        Optional<String> name = d.api().name().filter(n -> d.api().id().isEmpty());
        String id = d.api().id().orElse(null);
        if (name.isPresent()) {
          var resolved = names.resolve(name.get());
          if (resolved.isLeft()) {
            result.put(d.id(), Observed.failed(resolved.left()));
            continue;
          }
          id = resolved.right();
        }
        Map<String, Stage> stages = stages(api, id, stagesByApi, missing);
        if (stages == null && name.isPresent() && lookedUpAgain.add(name.get())) {
          // A remembered name may point at an API deleted since; look the name up afresh.
          names.forget();
          var again = names.resolve(name.get());
          if (again.isLeft()) {
            result.put(d.id(), Observed.failed(again.left()));
            continue;
          }
          id = again.right();
          stages = stages(api, id, stagesByApi, missing);
        }
        if (stages == null) {
          result.put(
              d.id(),
              Observed.failed(
                  "REST API "
                      + id
                      + " does not exist in account "
                      + env.accountId()
                      + " ("
                      + env.region()
                      + ")"));
          continue;
        }
        Optional<LiveApiStage> live =
            Optional.ofNullable(stages.get(d.stage())).map(ApiStageReader::toLive);
        result.put(
            d.id(),
            Observed.ok(
                new ApiStageObservation(
                    id,
                    live,
                    missingDeployments(env, api, id, d),
                    permissions.present(env, id, d))));
      } catch (SdkException e) {
        result.put(
            d.id(), Observed.failed("reading API Gateway failed: " + AwsFailure.describe(e)));
      }
    }
    return result;
  }

  /** All stages of the API by name, read once per read; null when the API does not exist. */
  private Map<String, Stage> stages(
      ApiGatewayClient api,
      String apiId,
      Map<String, Map<String, Stage>> read,
      Set<String> missing) {
    if (missing.contains(apiId)) return null;
    Map<String, Stage> stages = read.computeIfAbsent(apiId, k -> stages(api, k));
    if (stages == null) missing.add(apiId);
    return stages;
  }

  private Map<String, Stage> stages(ApiGatewayClient api, String apiId) {
    try {
      Map<String, Stage> stages = new LinkedHashMap<>();
      calls
          .call(() -> api.getStages(r -> r.restApiId(apiId)))
          .item()
          .forEach(s -> stages.put(s.stageName(), s));
      return stages;
    } catch (NotFoundException e) {
      return null;
    }
  }

  private Set<String> missingDeployments(
      Environment env, ApiGatewayClient api, String apiId, ApiStage d) {
    Set<String> wanted = new HashSet<>();
    wanted.add(d.deploymentId());
    d.canary().ifPresent(c -> wanted.add(c.deploymentId()));
    Set<String> missing = new HashSet<>();
    for (String deployment : wanted) {
      String key = env.accountId() + "|" + env.region() + "|" + apiId + "|" + deployment;
      if (knownDeployments.contains(key)) continue;
      try {
        calls.call(() -> api.getDeployment(r -> r.restApiId(apiId).deploymentId(deployment)));
        knownDeployments.add(key);
      } catch (NotFoundException e) {
        missing.add(deployment);
      }
    }
    return missing;
  }

  public static LiveApiStage toLive(Stage s) {
    CanarySettings c = s.canarySettings();
    Optional<ApiStage.StageCanary> canary = Optional.empty();
    if (c != null && c.deploymentId() != null && !c.deploymentId().isEmpty()) {
      double percent = c.percentTraffic() == null ? 0.0 : c.percentTraffic();
      canary =
          Optional.of(
              new ApiStage.StageCanary(
                  c.deploymentId(),
                  new Percent(BigDecimal.valueOf(percent)),
                  c.stageVariableOverrides() == null ? Map.of() : c.stageVariableOverrides()));
    }
    return new LiveApiStage(
        s.stageName(),
        s.deploymentId() == null ? "none" : s.deploymentId(),
        s.variables() == null ? Map.of() : s.variables(),
        canary);
  }
}
