package dev.pointsman.manifest;

import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code AppConfigDeployment}: a hosted configuration version of an AppConfig profile. */
public final class AppConfigDeploymentParser implements KindParser {
  private static final Set<String> FIELDS =
      Set.of("application", "environment", "configurationProfile", "version", "strategy");

  /** AppConfig names: 1 to 64 characters; ids are 4 to 7 lower-case letters and digits. */
  private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}/]{1,64}");

  private static final Pattern STRATEGY = Pattern.compile("[^\\p{Cntrl}/]{1,64}");
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

  @Override
  public String kind() {
    return AppConfigDeployment.KIND;
  }

  @Override
  public Optional<DesiredResource> parse(
      Environment env, String metadataName, Fields spec, Source source) {
    int before = spec.errors().size();
    spec.rejectUnknown(FIELDS);
    Optional<String> app =
        spec.string("application", true, NAME, "an AppConfig application name or id");
    Optional<String> environment =
        spec.string("environment", true, NAME, "an AppConfig environment name or id");
    Optional<String> profile =
        spec.string(
            "configurationProfile", true, NAME, "an AppConfig configuration profile name or id");
    Optional<String> version =
        spec.stringOrInteger("version", true, VERSION, "a hosted configuration version number");
    Optional<String> strategy =
        spec.string(
            "strategy",
            false,
            STRATEGY,
            "a deployment strategy name or id (default "
                + AppConfigDeployment.DEFAULT_STRATEGY
                + ")");
    if (spec.errors().size() > before) return Optional.empty();
    return Optional.of(
        new AppConfigDeployment(
            env.name(),
            metadataName,
            app.get(),
            environment.get(),
            profile.get(),
            Integer.parseInt(version.get()),
            strategy.orElse(AppConfigDeployment.DEFAULT_STRATEGY),
            source));
  }
}
