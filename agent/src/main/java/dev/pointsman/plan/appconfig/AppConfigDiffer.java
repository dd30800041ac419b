package dev.pointsman.plan.appconfig;

import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.AppConfigObservation;
import dev.pointsman.model.AppConfigObservation.Deployment;
import dev.pointsman.model.AppConfigObservation.State;
import dev.pointsman.plan.Diff;
import dev.pointsman.plan.Differ;
import dev.pointsman.plan.FieldChange;
import java.util.List;

/**
 * The version of the profile's latest deployment (in progress or complete) is what is live. A
 * deployment of the wanted version that AppConfig rolled back is held until Git changes: it is not
 * started again by itself. A version that does not exist, or a profile that is not hosted, is a
 * plan error (nothing in the commit is applied).
 */
public final class AppConfigDiffer implements Differ<AppConfigDeployment, AppConfigObservation> {
  public static final String VERSION = "version";

  @Override
  public Diff diff(AppConfigDeployment desired, AppConfigObservation observed) {
    if (!observed.hosted()) {
      return Diff.impossible(
          List.of(
              "configuration profile "
                  + desired.profile()
                  + " is not hosted by AppConfig; Pointsman deploys hosted configuration versions"));
    }
    if (!observed.versionExists()) {
      return Diff.impossible(
          List.of(
              "hosted configuration version "
                  + desired.version()
                  + " of profile "
                  + desired.profile()
                  + " does not exist; create it first (Pointsman only deploys it)"));
    }
    String want = String.valueOf(desired.version());
    if (observed.latest().isEmpty()) {
      return needsStrategy(
          desired,
          observed,
          new Diff(false, List.of(new FieldChange(VERSION, "none", want)), List.of()));
    }
    Deployment latest = observed.latest().get();
    if (latest.version() == desired.version()) {
      if (latest.state() == State.ROLLED_BACK) {
        return new Diff(true, List.of(), List.of())
            .noting(
                "held: AppConfig rolled back deployment #"
                    + latest.number()
                    + " of version "
                    + want
                    + "; it is not started again until Git changes");
      }
      return new Diff(true, List.of(), List.of());
    }
    Diff diff =
        new Diff(
            true,
            List.of(new FieldChange(VERSION, String.valueOf(latest.version()), want)),
            List.of());
    if (latest.inProgress()) {
      diff = diff.noting("stops deployment #" + latest.number() + " (in progress) first");
    }
    return needsStrategy(desired, observed, diff);
  }

  /** A change starts a deployment: it needs the strategy, and waits while another one runs. */
  private static Diff needsStrategy(
      AppConfigDeployment desired, AppConfigObservation observed, Diff diff) {
    if (observed.ids().strategyId().isEmpty()) {
      return Diff.impossible(
          List.of("no AppConfig deployment strategy has the name or id " + desired.strategy()));
    }
    if (observed.otherInProgress().isPresent()) {
      Deployment other = observed.otherInProgress().get();
      return diff.noting(
          "waits for deployment #"
              + other.number()
              + " of profile "
              + other.profileName()
              + " (one deployment per AppConfig environment at a time)");
    }
    return diff;
  }
}
