package dev.pointsman.kinds;

import dev.pointsman.apply.appconfig.AppConfigApplier;
import dev.pointsman.aws.AwsOperation;
import dev.pointsman.live.appconfig.AppConfigReader;
import dev.pointsman.manifest.AppConfigDeploymentParser;
import dev.pointsman.manifest.KindParser;
import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.AppConfigObservation;
import dev.pointsman.plan.appconfig.AppConfigDiffer;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.PromotionRehearsal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code AppConfigDeployment}: the hosted configuration version deployed to an AppConfig
 * environment. AppConfig runs its own gradual rollout (the deployment strategy) and its own alarm
 * rollback, so no Pointsman rollout shaper applies.
 */
public final class AppConfigDeploymentKind
    implements KindDescriptor<AppConfigDeployment, AppConfigObservation> {
  @Override
  public String kind() {
    return AppConfigDeployment.KIND;
  }

  @Override
  public Class<AppConfigDeployment> type() {
    return AppConfigDeployment.class;
  }

  @Override
  public KindParser parser() {
    return new AppConfigDeploymentParser();
  }

  @Override
  public List<AwsOperation> operations() {
    return List.of(
        AwsOperation.of("appconfig", "ListApplications"),
        AwsOperation.of("appconfig", "ListEnvironments"),
        AwsOperation.of("appconfig", "ListConfigurationProfiles"),
        AwsOperation.of("appconfig", "ListDeploymentStrategies"),
        AwsOperation.of("appconfig", "ListHostedConfigurationVersions"),
        AwsOperation.of("appconfig", "ListDeployments"),
        AwsOperation.of("appconfig", "StartDeployment"),
        AwsOperation.of("appconfig", "StopDeployment"));
  }

  @Override
  public Map<String, Double> quotaFamilies() {
    // AWS publishes no per-API rate for the AppConfig control plane; 10/s is a cautious assumption
    // (overridable per account with --quota-override <account>:appconfig=<rps>).
    return Map.of("appconfig", 10.0);
  }

  @Override
  public KindModule<AppConfigDeployment, AppConfigObservation> module(KindContext context) {
    return new KindModule<>(
        AppConfigDeployment.class,
        new AppConfigReader(context.clients(), context.calls(), context.clock()),
        new AppConfigDiffer(),
        new AppConfigApplier(context.clients(), context.calls()));
  }

  /**
   * Not rehearsed: a deployment is started and then followed over minutes, so the first one's few
   * cold milliseconds do not matter; its SDK calls are rehearsed ({@link
   * dev.pointsman.aws.SdkModels#prepareAndRehearse}).
   */
  @Override
  public Optional<PromotionRehearsal.Script> rehearsal() {
    return Optional.empty();
  }
}
