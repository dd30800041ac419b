package dev.pointsman.model;

import java.util.List;

/**
 * Desired state of an AWS AppConfig configuration profile in one AppConfig environment (manifest
 * kind {@code AppConfigDeployment}): the hosted configuration version deployed there, and the
 * deployment strategy a new deployment uses. Application, environment, profile and strategy are
 * named by name or id, resolved at read time.
 */
public record AppConfigDeployment(
    String environment,
    String metadataName,
    String application,
    String appConfigEnvironment,
    String profile,
    int version,
    String strategy,
    Source source)
    implements DesiredResource {
  public static final String KIND = "AppConfigDeployment";
  public static final String DEFAULT_STRATEGY = "AppConfig.AllAtOnce";

  @Override
  public ResourceId id() {
    return new ResourceId(
        environment, KIND, application + "/" + appConfigEnvironment + "/" + profile);
  }

  /**
   * A deployment call in this application, environment and profile; each may be named by name in
   * the manifest while the event carries ids (AppConfig ids are seven lower-case letters and
   * digits), so only ids that differ rule an event out.
   */
  @Override
  public boolean concerns(ChangeEvent event) {
    return event.service().equals("appconfig")
        && (event.absentOrNames("applicationId", application)
            || !application.matches("[a-z0-9]{7}"))
        && (event.absentOrNames("environmentId", appConfigEnvironment)
            || !appConfigEnvironment.matches("[a-z0-9]{7}"))
        && (event.absentOrNames("configurationProfileId", profile)
            || !profile.matches("[a-z0-9]{7}"));
  }

  @Override
  public String group() {
    return "AppConfig " + application + "/" + profile;
  }

  @Override
  public String target() {
    return "version " + version;
  }

  @Override
  public List<String> artifacts() {
    return List.of(String.valueOf(version));
  }

  /** One ListDeployments reads the deployments of every profile of an AppConfig environment. */
  @Override
  public String readGroup() {
    return application + "/" + appConfigEnvironment;
  }
}
