package dev.pointsman.apply;

import dev.pointsman.plan.Change;

/** What applying one change did. {@code detail} names the AWS error and request id on failure. */
public record ApplyResult(Change change, Outcome outcome, String detail) {
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** Not started yet, and no failure: it waits for something AWS is still doing. */
    DEFERRED,
    FAILED
  }

  public static ApplyResult done(Change change, Outcome outcome) {
    return new ApplyResult(change, outcome, "");
  }

  public static ApplyResult failed(Change change, String detail) {
    return new ApplyResult(change, Outcome.FAILED, detail);
  }

  public static ApplyResult deferred(Change change, String why) {
    return new ApplyResult(change, Outcome.DEFERRED, why);
  }

  public boolean deferred() {
    return outcome == Outcome.DEFERRED;
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }
}
