package dev.pointsman.apply.apigateway;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.aws.apigateway.LambdaPermissions;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.apigateway.PatchOp;
import dev.pointsman.plan.apigateway.StagePatch;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CanarySettings;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/**
 * One CreateStage (missing stage) or one UpdateStage carrying exactly the patch operations the plan
 * showed; then AddPermission for each missing invoke permission (a fixed statement id makes a
 * repeat harmless); then FlushStageCache when the manifest asks for it.
 */
public final class ApiStageApplier implements Applier<ApiStage, ApiStageObservation> {
  private final AwsClients clients;
  private final AwsCalls calls;

  public ApiStageApplier(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  @Override
  public ApplyResult apply(
      Environment env, ApiStage desired, ApiStageObservation observed, Change change) {
    ApiGatewayClient api = clients.apiGateway(env);
    String apiId = observed.restApiId();
    try {
      boolean stageChanged = false;
      if (change.action() == Action.CREATE) {
        calls.call(
            () ->
                api.createStage(
                    r -> {
                      r.restApiId(apiId)
                          .stageName(desired.stage())
                          .deploymentId(desired.deploymentId())
                          .variables(desired.variables())
                          .description("managed by pointsman");
                      desired
                          .canary()
                          .ifPresent(
                              c ->
                                  r.canarySettings(
                                      CanarySettings.builder()
                                          .deploymentId(c.deploymentId())
                                          .percentTraffic(c.percentTraffic().value().doubleValue())
                                          .stageVariableOverrides(c.variables())
                                          .build()));
                    }));
        stageChanged = true;
      } else {
        LiveApiStage live = observed.stage().orElseThrow();
        List<PatchOp> ops = StagePatch.operations(desired, live);
        if (!ops.isEmpty()) {
          List<PatchOperation> patch = ops.stream().map(ApiStageApplier::toSdk).toList();
          calls.call(
              () ->
                  api.updateStage(
                      r -> r.restApiId(apiId).stageName(desired.stage()).patchOperations(patch)));
          stageChanged = true;
        }
      }
      addMissingPermissions(env, desired, observed);
      ApplyResult.Outcome outcome =
          change.action() == Action.CREATE
              ? ApplyResult.Outcome.CREATED
              : ApplyResult.Outcome.UPDATED;
      if (stageChanged && desired.flushCacheOnChange()) {
        try {
          calls.call(() -> api.flushStageCache(r -> r.restApiId(apiId).stageName(desired.stage())));
        } catch (SdkException e) {
          // The pointer moved; only the cache is stale. Say so rather than report the move as
          // failed.
          return new ApplyResult(
              change,
              outcome,
              "stage updated, but flushing its cache failed: " + AwsFailure.describe(e));
        }
      }
      return ApplyResult.done(change, outcome);
    } catch (SdkException e) {
      return ApplyResult.failed(change, AwsFailure.describe(e));
    }
  }

  private void addMissingPermissions(
      Environment env, ApiStage desired, ApiStageObservation observed) {
    for (ApiStage.LambdaPermission p : desired.lambdaPermissions()) {
      String alias = desired.variables().get(p.aliasFromVariable());
      if (observed
          .permissions()
          .getOrDefault(ApiStageObservation.permissionKey(p.functionName(), alias), false))
        continue;
      try {
        calls.call(
            () ->
                clients
                    .lambda(env)
                    .addPermission(
                        r ->
                            r.functionName(p.functionName())
                                .qualifier(alias)
                                .statementId(
                                    LambdaPermissions.statementId(observed.restApiId(), alias))
                                .action("lambda:InvokeFunction")
                                .principal("apigateway.amazonaws.com")
                                .sourceArn(
                                    LambdaPermissions.sourceArn(env, observed.restApiId()))));
      } catch (ResourceConflictException alreadyThere) {
        // Same statement id already present (added by an earlier, interrupted pass): nothing to do.
      }
    }
  }

  private static PatchOperation toSdk(PatchOp op) {
    PatchOperation.Builder b = PatchOperation.builder().op(op.op()).path(op.path());
    op.value().ifPresent(b::value);
    return b.build();
  }
}
