package dev.pointsman.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Desired state of an API Gateway REST API stage (manifest kind {@code ApiStage}). The API is named
 * by id or by name ({@code api}), resolved at read time.
 */
public record ApiStage(
    String environment,
    String metadataName,
    ApiRef api,
    String stage,
    String deploymentId,
    Map<String, String> variables,
    Optional<StageCanary> canary,
    boolean flushCacheOnChange,
    List<LambdaPermission> lambdaPermissions,
    List<ConfigRef> references,
    Optional<Rollout> rollout,
    Source source,
    Optional<Hooks> hooks)
    implements DesiredResource {
  public static final String KIND = "ApiStage";

  public ApiStage(
      String environment,
      String metadataName,
      ApiRef api,
      String stage,
      String deploymentId,
      Map<String, String> variables,
      Optional<StageCanary> canary,
      boolean flushCacheOnChange,
      List<LambdaPermission> lambdaPermissions,
      List<ConfigRef> references,
      Optional<Rollout> rollout,
      Source source) {
    this(
        environment,
        metadataName,
        api,
        stage,
        deploymentId,
        variables,
        canary,
        flushCacheOnChange,
        lambdaPermissions,
        references,
        rollout,
        source,
        Optional.empty());
  }

  public ApiStage {
    variables = Map.copyOf(variables);
    lambdaPermissions = List.copyOf(lambdaPermissions);
    List<ConfigRef> all = new ArrayList<>(references);
    hooks.ifPresent(h -> all.addAll(h.references()));
    references = List.copyOf(new LinkedHashSet<>(all));
  }

  @Override
  public ResourceId id() {
    return new ResourceId(environment, KIND, api + "/" + stage);
  }

  /**
   * A stage call naming this stage (or none) of this API; an API declared by name matches any API
   * id (the event carries ids only; the re-read resolves).
   */
  @Override
  public boolean concerns(ChangeEvent event) {
    return event.service().equals("apigateway")
        && event.absentOrNames("stageName", stage)
        && api.id().map(id -> event.absentOrNames("restApiId", id)).orElse(true);
  }

  @Override
  public String group() {
    return "REST API " + api.name().orElseGet(() -> api.id().orElse("?"));
  }

  @Override
  public String target() {
    return "deployment "
        + deploymentId
        + canary.map(c -> " (+" + c.deploymentId() + " at " + c.percentTraffic() + ")").orElse("");
  }

  @Override
  public List<String> artifacts() {
    List<String> all = new ArrayList<>(List.of(deploymentId));
    canary.ifPresent(c -> all.add(c.deploymentId()));
    return List.copyOf(all);
  }

  /** One GetStages reads every stage of the REST API. */
  @Override
  public String readGroup() {
    return api.toString();
  }

  /** A REST API by id, or by name (must be unique in the account and Region). */
  public record ApiRef(Optional<String> id, Optional<String> name) {
    @Override
    public String toString() {
      return id.orElseGet(() -> "name:" + name.orElseThrow());
    }
  }

  /** Canary settings: a deployment receiving a percentage of traffic, with variable overrides. */
  public record StageCanary(
      String deploymentId, Percent percentTraffic, Map<String, String> variables) {
    public StageCanary {
      variables = Map.copyOf(variables);
    }
  }

  /**
   * The stage selects a Lambda alias through a stage variable ({@code Fn:${stageVariables.env}}),
   * so the alias must allow API Gateway to invoke it.
   */
  public record LambdaPermission(String functionName, String aliasFromVariable) {}
}
