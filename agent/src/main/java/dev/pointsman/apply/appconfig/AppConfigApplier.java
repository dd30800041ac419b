package dev.pointsman.apply.appconfig;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.AppConfigObservation;
import dev.pointsman.model.AppConfigObservation.Deployment;
import dev.pointsman.model.Environment;
import dev.pointsman.plan.Change;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfig.model.ConflictException;

/**
 * One StartDeployment per change. AppConfig runs one deployment per environment at a time: behind
 * another profile's deployment the change waits (deferred, retried at the next poll, never a
 * failure); a deployment of this profile that Git no longer wants (a revert during a deployment) is
 * stopped first.
 */
public final class AppConfigApplier implements Applier<AppConfigDeployment, AppConfigObservation> {
  private final AwsClients clients;
  private final AwsCalls calls;

  public AppConfigApplier(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  @Override
  public ApplyResult apply(
      Environment env, AppConfigDeployment d, AppConfigObservation observed, Change change) {
    if (observed.otherInProgress().isPresent()) {
      Deployment other = observed.otherInProgress().get();
      return ApplyResult.deferred(
          change, "waits for deployment #" + other.number() + " of profile " + other.profileName());
    }
    AppConfigClient client = clients.appConfig(env);
    var ids = observed.ids();
    try {
      if (observed.latest().filter(Deployment::inProgress).isPresent()) {
        int running = observed.latest().get().number();
        calls.call(
            () ->
                client.stopDeployment(
                    r ->
                        r.applicationId(ids.applicationId())
                            .environmentId(ids.environmentId())
                            .deploymentNumber(running)));
      }
      var started =
          calls.call(
              () ->
                  client.startDeployment(
                      r ->
                          r.applicationId(ids.applicationId())
                              .environmentId(ids.environmentId())
                              .configurationProfileId(ids.profileId())
                              .configurationVersion(String.valueOf(d.version()))
                              .deploymentStrategyId(ids.strategyId().orElseThrow())
                              .description("pointsman: " + d.id())));
      return new ApplyResult(
          change,
          observed.latest().isPresent() ? ApplyResult.Outcome.UPDATED : ApplyResult.Outcome.CREATED,
          "deployment #" + started.deploymentNumber() + " " + started.stateAsString());
    } catch (ConflictException e) {
      return ApplyResult.deferred(
          change,
          "another deployment is in progress in this AppConfig environment; starts when it ends");
    } catch (SdkException e) {
      return ApplyResult.failed(change, AwsFailure.describe(e));
    }
  }
}
