package dev.pointsman.it;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfig.model.DeploymentSummary;
import software.amazon.awssdk.services.appconfig.model.GrowthType;
import software.amazon.awssdk.services.appconfig.model.ReplicateTo;

/**
 * An AppConfig application with one environment and hosted profiles, created directly in the
 * emulator; deployments started, stopped and read back through the SDK.
 */
public final class AppConfigFixture implements AutoCloseable {
  private final AppConfigClient client = Emulator.client(AppConfigClient.builder());
  public final String application;
  public final String appId;
  public final String envId;

  /**
   * A strategy that completes at once (no duration, no bake), and one that takes a minute. Created
   * once per test run: AWS allows 20 strategies per account, and the emulator's
   * ListDeploymentStrategies silently stops at 50 (no NextToken).
   */
  public final String fast;

  public final String slow;

  private static String sharedFast;
  private static String sharedSlow;

  public AppConfigFixture(String application, String environment) {
    this.application = application;
    appId = client.createApplication(r -> r.name(application)).id();
    envId = client.createEnvironment(r -> r.applicationId(appId).name(environment)).id();
    synchronized (AppConfigFixture.class) {
      if (sharedFast == null) {
        sharedFast = strategy(LambdaFixture.uniqueName("fast"), 0);
        sharedSlow = strategy(LambdaFixture.uniqueName("slow"), 1);
      }
    }
    fast = sharedFast;
    slow = sharedSlow;
  }

  private String strategy(String name, int minutes) {
    return client
        .createDeploymentStrategy(
            r ->
                r.name(name)
                    .deploymentDurationInMinutes(minutes)
                    .finalBakeTimeInMinutes(0)
                    .growthFactor(minutes == 0 ? 100f : 50f)
                    .growthType(GrowthType.LINEAR)
                    .replicateTo(ReplicateTo.NONE))
        .id();
  }

  /** A hosted profile with {@code versions} versions (1..n); returns its id. */
  public String hostedProfile(String name, int versions) {
    String id =
        client
            .createConfigurationProfile(
                r -> r.applicationId(appId).name(name).locationUri("hosted"))
            .id();
    for (int v = 1; v <= versions; v++) {
      int n = v;
      client.createHostedConfigurationVersion(
          r ->
              r.applicationId(appId)
                  .configurationProfileId(id)
                  .content(SdkBytes.fromString("{\"v\": " + n + "}", StandardCharsets.UTF_8))
                  .contentType("application/json"));
    }
    return id;
  }

  /** Starts a deployment by hand (someone outside Git); returns its number. */
  public int deployByHand(String profileId, int version, String strategy) {
    return client
        .startDeployment(
            r ->
                r.applicationId(appId)
                    .environmentId(envId)
                    .configurationProfileId(profileId)
                    .configurationVersion(String.valueOf(version))
                    .deploymentStrategyId(strategy))
        .deploymentNumber();
  }

  public void stop(int deployment) {
    client.stopDeployment(
        r -> r.applicationId(appId).environmentId(envId).deploymentNumber(deployment));
  }

  /** Newest first (sorted here: the emulator lists oldest first, AWS newest first). */
  public List<DeploymentSummary> deployments() {
    return client.listDeployments(r -> r.applicationId(appId).environmentId(envId)).items().stream()
        .sorted(Comparator.comparingInt(DeploymentSummary::deploymentNumber).reversed())
        .toList();
  }

  public DeploymentSummary latest() {
    return deployments().get(0);
  }

  @Override
  public void close() {
    client.close();
  }
}
