package dev.pointsman.live.appconfig;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.AppConfigObservation;
import dev.pointsman.model.AppConfigObservation.Deployment;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfig.model.DeploymentSummary;
import software.amazon.awssdk.services.appconfig.model.ListDeploymentsResponse;

/**
 * Reads AppConfig deployments with the fewest calls: names resolved from cached listings, one
 * ListDeployments per AppConfig environment (AWS lists newest first; later pages only while a
 * declared profile has not been seen; the order is checked, not assumed), hosted versions listed
 * once per profile and remembered.
 */
public final class AppConfigReader
    implements LiveReader<AppConfigDeployment, AppConfigObservation> {
  /** Pages of ListDeployments read at most per environment (50 deployments each). */
  static final int MAX_PAGES = 4;

  private final AwsClients clients;
  private final AwsCalls calls;
  private final Clock clock;
  private final Map<String, AppConfigNames> namesByAccount = new ConcurrentHashMap<>();

  public AppConfigReader(AwsClients clients, AwsCalls calls, Clock clock) {
    this.clients = clients;
    this.calls = calls;
    this.clock = clock;
  }

  @Override
  public Map<ResourceId, Observed<AppConfigObservation>> read(
      Environment env, List<AppConfigDeployment> desired) {
    AppConfigClient client = clients.appConfig(env);
    AppConfigNames names =
        namesByAccount.computeIfAbsent(
            env.accountId() + "|" + env.region(), k -> new AppConfigNames(client, calls, clock));
    Map<ResourceId, Observed<AppConfigObservation>> result = new HashMap<>();
    Map<String, List<DeploymentSummary>> deploymentsByEnv = new HashMap<>();
    for (AppConfigDeployment d : desired) {
      try {
        result.put(d.id(), observe(client, names, d, deploymentsByEnv));
      } catch (SdkException e) {
        names.forget();
        result.put(d.id(), Observed.failed("AppConfig read failed: " + AwsFailure.describe(e)));
      }
    }
    return result;
  }

  private Observed<AppConfigObservation> observe(
      AppConfigClient client,
      AppConfigNames names,
      AppConfigDeployment d,
      Map<String, List<DeploymentSummary>> deploymentsByEnv) {
    var app = names.application(d.application());
    if (!app.ok()) return Observed.failed(app.problem());
    String appId = app.value().id();
    var env = names.environment(appId, d.appConfigEnvironment());
    if (!env.ok()) return Observed.failed(env.problem());
    var profile = names.profile(appId, d.profile());
    if (!profile.ok()) return Observed.failed(profile.problem());
    long sameName = names.profilesNamed(appId, profile.value().name());
    if (sameName > 1)
      return Observed.failed(
          sameName
              + " configuration profiles of application "
              + d.application()
              + " are named "
              + profile.value().name()
              + "; AppConfig lists deployments by profile name, so Pointsman cannot tell them"
              + " apart: rename one");
    var strategy = names.strategy(d.strategy());
    boolean hosted = profile.value().hosted();
    boolean exists = hosted && names.versionExists(appId, profile.value().id(), d.version());
    String envId = env.value().id();
    String profileName = profile.value().name();
    List<DeploymentSummary> deployments =
        deploymentsByEnv.computeIfAbsent(
            appId + "/" + envId, k -> deployments(client, appId, envId, profileName));
    Optional<Deployment> latest = Optional.empty();
    Optional<Deployment> other = Optional.empty();
    for (DeploymentSummary s : deployments) {
      Deployment dep = deployment(s);
      if (s.configurationName().equals(profileName)) {
        if (latest.isEmpty()) latest = Optional.of(dep);
      } else if (dep.inProgress() && other.isEmpty()) {
        other = Optional.of(dep);
      }
    }
    if (latest.isEmpty() && deployments.size() >= MAX_PAGES * 50) {
      // Older than the pages read: look further only for this profile.
      latest =
          deployments(client, appId, envId, profileName).stream()
              .filter(s -> s.configurationName().equals(profileName))
              .findFirst()
              .map(AppConfigReader::deployment);
    }
    return Observed.ok(
        new AppConfigObservation(
            new AppConfigObservation.Ids(
                appId,
                envId,
                profile.value().id(),
                Optional.ofNullable(strategy.value()).map(AppConfigNames.Named::id)),
            hosted,
            exists,
            latest,
            other));
  }

  /** Newest first, until a deployment of {@code profileName} is seen or the pages run out. */
  private List<DeploymentSummary> deployments(
      AppConfigClient client, String appId, String envId, String profileName) {
    List<DeploymentSummary> all = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String page = token;
      ListDeploymentsResponse response =
          calls.call(
              () ->
                  client.listDeployments(
                      r ->
                          r.applicationId(appId)
                              .environmentId(envId)
                              .maxResults(50)
                              .nextToken(page)));
      all.addAll(response.items());
      token = response.nextToken();
      pages++;
      if (response.items().stream().anyMatch(s -> s.configurationName().equals(profileName))) break;
    } while (token != null && !token.isEmpty() && pages < MAX_PAGES);
    // AWS lists newest first; do not rely on it (the emulator lists oldest first).
    all.sort(Comparator.comparingInt(DeploymentSummary::deploymentNumber).reversed());
    return all;
  }

  /** Hosted versions are numbers; other profiles' deployments may carry labels (-1 then). */
  private static int version(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Deployment deployment(DeploymentSummary s) {
    return new Deployment(
        s.deploymentNumber(),
        s.configurationName(),
        version(s.configurationVersion()),
        AppConfigObservation.State.of(s.stateAsString()));
  }
}
