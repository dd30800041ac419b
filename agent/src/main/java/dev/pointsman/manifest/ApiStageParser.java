package dev.pointsman.manifest;

import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ConfigRef;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Hooks;
import dev.pointsman.model.Percent;
import dev.pointsman.model.Rollout;
import dev.pointsman.model.Source;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code spec} of kind {@code ApiStage}. */
public final class ApiStageParser implements KindParser {
  static final int MAX_VARIABLES = 100;
  private static final Set<String> FIELDS =
      Set.of(
          "restApiId",
          "restApiName",
          "stage",
          "deploymentId",
          "variables",
          "canary",
          "flushCacheOnChange",
          "lambdaPermissions",
          "rollout",
          "hooks");
  private static final Set<String> CANARY_FIELDS =
      Set.of("deploymentId", "percentTraffic", "variables");
  private static final Set<String> PERMISSION_FIELDS = Set.of("functionName", "aliasFromVariable");
  private static final String VAR_NAME = "letters, digits and _ (at most 64)";
  private static final String VAR_VALUE = "at most 512 of A-Z a-z 0-9 - . _ ~ : / ? # & = ,";

  @Override
  public String kind() {
    return ApiStage.KIND;
  }

  @Override
  public Optional<DesiredResource> parse(
      Environment env, String metadataName, Fields spec, Source source) {
    int before = spec.errors().size();
    spec.rejectUnknown(FIELDS);
    Optional<String> id =
        spec.string("restApiId", false, Patterns.REST_API_ID, "a REST API id (letters and digits)");
    Optional<String> name =
        spec.string("restApiName", false, Patterns.REST_API_NAME, "a REST API name");
    if (spec.has("restApiId") == spec.has("restApiName")) {
      spec.failField("restApiId", "set exactly one of restApiId and restApiName");
    }
    Optional<String> stage =
        spec.string("stage", true, Patterns.STAGE_NAME, "a stage name of letters, digits and _");
    Optional<String> deployment =
        spec.string("deploymentId", true, Patterns.DEPLOYMENT_ID, "a deployment id");
    List<ConfigRef> refs = new ArrayList<>();
    Map<String, String> variables = variables(spec, env, source, refs).orElse(Map.of());
    Optional<ApiStage.StageCanary> canary =
        spec.object("canary", false, "a mapping {deploymentId, percentTraffic, variables}")
            .flatMap(c -> canary(c, env, source, refs));
    boolean flush = spec.bool("flushCacheOnChange").orElse(false);
    List<ApiStage.LambdaPermission> permissions = permissions(spec, variables);
    Optional<Rollout> rollout = RolloutParser.parse(spec);
    if (rollout.isPresent() && spec.has("canary")) {
      spec.failField("rollout", "rollout manages the canary itself; remove spec.canary");
    }
    Optional<Hooks> hooks = HooksParser.parse(spec, env);
    if (spec.errors().size() > before) return Optional.empty();
    return Optional.of(
        new ApiStage(
            env.name(),
            metadataName,
            new ApiStage.ApiRef(id, name),
            stage.get(),
            deployment.get(),
            variables,
            canary,
            flush,
            permissions,
            refs,
            rollout,
            source,
            hooks));
  }

  private static Optional<Map<String, String>> variables(
      Fields spec, Environment env, Source source, List<ConfigRef> refs) {
    Optional<Map<String, String>> vars =
        spec.stringMap(
            "variables",
            Patterns.STAGE_VARIABLE_NAME,
            VAR_NAME,
            Patterns.STAGE_VARIABLE_VALUE,
            VAR_VALUE);
    vars.filter(v -> v.size() > MAX_VARIABLES)
        .ifPresent(
            v ->
                spec.failField(
                    "variables",
                    "at most " + MAX_VARIABLES + " stage variables, found " + v.size()));
    vars.ifPresent(v -> collectRefs(v, env, spec, "variables", source, refs));
    return vars;
  }

  private static void collectRefs(
      Map<String, String> values,
      Environment env,
      Fields spec,
      String field,
      Source source,
      List<ConfigRef> refs) {
    values.forEach(
        (k, v) -> {
          if (ConfigRefs.looksLikeReference(v)) {
            ConfigRefs.parse(v, env, spec, source, field, k).ifPresent(refs::add);
          }
        });
  }

  private static Optional<ApiStage.StageCanary> canary(
      Fields c, Environment env, Source source, List<ConfigRef> refs) {
    c.rejectUnknown(CANARY_FIELDS);
    Optional<String> deployment =
        c.string("deploymentId", true, Patterns.DEPLOYMENT_ID, "a deployment id");
    Optional<BigDecimal> percent = c.decimal("percentTraffic", true, "a percentage from 0 to 100");
    percent
        .filter(p -> p.signum() < 0 || p.compareTo(Percent.MAX) > 0)
        .ifPresent(
            p ->
                c.failField(
                    "percentTraffic",
                    "expected a percentage from 0 to 100, found " + Fields.number(p)));
    Optional<Map<String, String>> overrides =
        c.stringMap(
            "variables",
            Patterns.STAGE_VARIABLE_NAME,
            VAR_NAME,
            Patterns.STAGE_VARIABLE_VALUE,
            VAR_VALUE);
    overrides.ifPresent(v -> collectRefs(v, env, c, "variables", source, refs));
    if (deployment.isEmpty()
        || percent.isEmpty()
        || percent.get().signum() < 0
        || percent.get().compareTo(Percent.MAX) > 0) {
      return Optional.empty();
    }
    return Optional.of(
        new ApiStage.StageCanary(
            deployment.get(), new Percent(percent.get()), overrides.orElse(Map.of())));
  }

  private static List<ApiStage.LambdaPermission> permissions(
      Fields spec, Map<String, String> variables) {
    List<ApiStage.LambdaPermission> result = new ArrayList<>();
    for (Fields p :
        spec.objects("lambdaPermissions", false, "a list of {functionName, aliasFromVariable}")) {
      p.rejectUnknown(PERMISSION_FIELDS);
      Optional<String> fn =
          p.string("functionName", true, Patterns.FUNCTION_NAME, "a Lambda function name");
      Optional<String> var =
          p.string(
              "aliasFromVariable", true, Patterns.STAGE_VARIABLE_NAME, "a stage variable name");
      var.filter(v -> !variables.containsKey(v))
          .ifPresent(
              v ->
                  p.failField(
                      "aliasFromVariable",
                      "stage variable " + v + " is not declared in spec.variables"));
      if (fn.isPresent() && var.isPresent() && variables.containsKey(var.get())) {
        result.add(new ApiStage.LambdaPermission(fn.get(), var.get()));
      }
    }
    return result;
  }
}
