package dev.pointsman.cli;

import dev.pointsman.apply.apigateway.ApiStageApplier;
import dev.pointsman.apply.ecs.EcsServiceApplier;
import dev.pointsman.apply.lambda.LambdaAliasApplier;
import dev.pointsman.aws.AccountGuard;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.apigateway.LambdaPermissions;
import dev.pointsman.aws.ecs.TaskDefinitions;
import dev.pointsman.live.apigateway.ApiStageReader;
import dev.pointsman.live.ecs.EcsServiceReader;
import dev.pointsman.live.lambda.LambdaAliasReader;
import dev.pointsman.live.refs.ConfigRefChecker;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.plan.Shaper;
import dev.pointsman.plan.apigateway.ApiStageDiffer;
import dev.pointsman.plan.ecs.EcsServiceDiffer;
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.reconcile.SignaturePolicy;
import dev.pointsman.rollout.Alarms;
import dev.pointsman.rollout.ApiStageRollouts;
import dev.pointsman.rollout.LambdaAliasRollouts;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.rollout.Rollouts;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The one place that wires readers, differs and appliers of every kind into a reconciliation pass.
 */
public final class Components {
  private Components() {}

  public static Pass pass(AwsClients clients, AwsCalls calls) {
    return pass(clients, calls, SignaturePolicy.NONE);
  }

  public static Pass pass(AwsClients clients, AwsCalls calls, SignaturePolicy signatures) {
    return pass(clients, calls, signatures, Optional.empty());
  }

  /** With progressive rollouts: their records in {@code store}, their events to {@code events}. */
  public static Pass pass(
      AwsClients clients,
      AwsCalls calls,
      SignaturePolicy signatures,
      RolloutStore store,
      RolloutEvents events,
      Clock clock) {
    return pass(
        clients,
        calls,
        signatures,
        Optional.of(new Rollouts(store, new Alarms(clients, calls), events, clock)));
  }

  private static Pass pass(
      AwsClients clients, AwsCalls calls, SignaturePolicy signatures, Optional<Rollouts> rollouts) {
    TaskDefinitions taskDefinitions = new TaskDefinitions(clients, calls);
    List<KindModule<?, ?>> modules =
        List.of(
            new KindModule<>(
                LambdaAlias.class,
                new LambdaAliasReader(clients, calls),
                new LambdaAliasDiffer(),
                new LambdaAliasApplier(clients, calls),
                rollouts
                    .<Shaper<LambdaAlias, LambdaAliasObservation>>map(LambdaAliasRollouts::new)
                    .orElse(Shaper.identity())),
            new KindModule<>(
                ApiStage.class,
                new ApiStageReader(clients, calls, new LambdaPermissions(clients, calls)),
                new ApiStageDiffer(),
                new ApiStageApplier(clients, calls),
                rollouts
                    .<Shaper<ApiStage, ApiStageObservation>>map(ApiStageRollouts::new)
                    .orElse(Shaper.identity())),
            new KindModule<>(
                EcsService.class,
                new EcsServiceReader(clients, calls, taskDefinitions),
                new EcsServiceDiffer(),
                new EcsServiceApplier(clients, calls, taskDefinitions)));
    Reconciler reconciler =
        new Reconciler(
            new AccountGuard(clients, calls), new ConfigRefChecker(clients, calls), modules);
    return new Pass(ManifestLoader.standard(), reconciler, signatures);
  }
}
