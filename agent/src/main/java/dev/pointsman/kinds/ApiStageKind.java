package dev.pointsman.kinds;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.apigateway.ApiStageApplier;
import dev.pointsman.aws.AwsOperation;
import dev.pointsman.aws.ScriptedLoopback;
import dev.pointsman.aws.apigateway.LambdaPermissions;
import dev.pointsman.hooks.HookedApplier;
import dev.pointsman.live.apigateway.ApiStageReader;
import dev.pointsman.manifest.ApiStageParser;
import dev.pointsman.manifest.KindParser;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.plan.Shaper;
import dev.pointsman.plan.apigateway.ApiStageDiffer;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.PromotionRehearsal;
import dev.pointsman.rollout.ApiStageRollouts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ApiStage}: a REST API stage of API Gateway, with variables, canary and rollouts. */
public final class ApiStageKind implements KindDescriptor<ApiStage, ApiStageObservation> {
  @Override
  public String kind() {
    return ApiStage.KIND;
  }

  @Override
  public Class<ApiStage> type() {
    return ApiStage.class;
  }

  @Override
  public KindParser parser() {
    return new ApiStageParser();
  }

  @Override
  public List<AwsOperation> operations() {
    return List.of(
        AwsOperation.apiGateway("GetRestApis", "GET"),
        AwsOperation.apiGateway("GetStages", "GET"),
        AwsOperation.apiGateway("GetDeployment", "GET"),
        AwsOperation.apiGateway("CreateStage", "POST"),
        AwsOperation.apiGateway("UpdateStage", "PATCH"),
        AwsOperation.apiGateway("FlushStageCache", "DELETE"),
        // A stage that selects a Lambda alias by stage variable needs the invoke permission.
        AwsOperation.of("lambda", "GetPolicy"),
        AwsOperation.of("lambda", "AddPermission"),
        // verification hooks (hook functions must exist: GetFunction)
        new AwsOperation("lambda", "Invoke", "lambda:InvokeFunction"),
        AwsOperation.of("lambda", "GetFunction"));
  }

  @Override
  public Map<String, Double> quotaFamilies() {
    return Map.of(
        "apigateway",
        10.0,
        "apigateway-createdeployment",
        0.2,
        "lambda",
        15.0,
        "lambda-invoke",
        10.0,
        "lambda-getfunction",
        100.0);
  }

  @Override
  public KindModule<ApiStage, ApiStageObservation> module(KindContext context) {
    ApiStageReader reader =
        new ApiStageReader(
            context.clients(),
            context.calls(),
            new LambdaPermissions(context.clients(), context.calls()),
            context.clock());
    ApiStageApplier applier = new ApiStageApplier(context.clients(), context.calls());
    Optional<HookedApplier<ApiStage, ApiStageObservation>> hooked =
        context.hooked(applier, reader, new ApiStageHooks());
    return new KindModule<>(
        ApiStage.class,
        reader,
        new ApiStageDiffer(),
        hooked.<Applier<ApiStage, ApiStageObservation>>map(h -> h).orElse(applier),
        context
            .rollouts()
            .<Shaper<ApiStage, ApiStageObservation>>map(ApiStageRollouts::new)
            .orElse(Shaper.identity()),
        (stage, observed) -> stage,
        stage -> hooked.map(h -> h.notes(stage)).orElse(List.of()));
  }

  /**
   * Stage {@code live} of REST API {@code rehearsal} moved from deployment {@code d1} to {@code d<n
   * + 2>}: GetStages, GetDeployment of the new deployment, UpdateStage.
   */
  @Override
  public Optional<PromotionRehearsal.Script> rehearsal() {
    String api = "/restapis/rehearsal";
    return Optional.of(
        new PromotionRehearsal.Script(
            kind(),
            n ->
                """
                restApiId: rehearsal
                stage: live
                deploymentId: d%d
                variables:
                  env: live
                """
                    .formatted(n + 2),
            List.of(
                ScriptedLoopback.Answer.of(
                    "GET " + api + "/stages",
                    """
                    {"item": [{"stageName": "live", "deploymentId": "d1",
                      "variables": {"env": "live"}}]}"""),
                ScriptedLoopback.Answer.of(
                    "GET " + api + "/deployments/d\\d+",
                    """
                    {"id": "d2", "createdDate": 1796040000}"""),
                ScriptedLoopback.Answer.of(
                    "PATCH " + api + "/stages/live",
                    """
                    {"stageName": "live", "deploymentId": "d2", "variables": {"env": "live"}}"""))));
  }
}
