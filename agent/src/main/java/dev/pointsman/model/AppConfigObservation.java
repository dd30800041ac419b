package dev.pointsman.model;

import java.util.Optional;

/**
 * What the reader saw for one desired AppConfig deployment: the resolved ids, whether the profile
 * is hosted and the desired version exists, the latest deployment of that profile (live), and a
 * deployment of another profile in progress in the same AppConfig environment (AppConfig runs one
 * deployment per environment at a time).
 */
public record AppConfigObservation(
    Ids ids,
    boolean hosted,
    boolean versionExists,
    Optional<Deployment> latest,
    Optional<Deployment> otherInProgress) {

  /** Resolved identifiers; {@code strategyId} is empty when no strategy has the declared name. */
  public record Ids(
      String applicationId, String environmentId, String profileId, Optional<String> strategyId) {}

  /** One deployment as ListDeployments reports it. */
  public record Deployment(int number, String profileName, int version, State state) {
    public boolean inProgress() {
      return state == State.IN_PROGRESS;
    }
  }

  /** AppConfig's deployment states, as far as Pointsman tells them apart. */
  public enum State {
    /** BAKING, VALIDATING, DEPLOYING, ROLLING_BACK: the environment takes no other deployment. */
    IN_PROGRESS,
    COMPLETE,
    /** ROLLED_BACK or REVERTED: AppConfig (an alarm, or someone) undid it. */
    ROLLED_BACK;

    public static State of(String awsState) {
      return switch (awsState) {
        case "COMPLETE" -> COMPLETE;
        case "ROLLED_BACK", "REVERTED" -> ROLLED_BACK;
        default -> IN_PROGRESS;
      };
    }
  }
}
