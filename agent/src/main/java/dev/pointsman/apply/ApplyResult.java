package dev.pointsman.apply;

import dev.pointsman.plan.Change;

/** What applying one change did. {@code detail} names the AWS error and request id on failure. */
public record ApplyResult(Change change, Outcome outcome, String detail) {
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    FAILED
  }

  public static ApplyResult done(Change change, Outcome outcome) {
    return new ApplyResult(change, outcome, "");
  }

  public static ApplyResult failed(Change change, String detail) {
    return new ApplyResult(change, Outcome.FAILED, detail);
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }
}
