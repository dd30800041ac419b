package dev.pointsman.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Who made a change to a live resource, as CloudTrail recorded it: the principal (an IAM user, a
 * role and its session, an SSO user), where from (console, AWS CLI, an SDK, CloudFormation), the
 * event's name and time. Or, when that cannot be told, why ({@link #known()} false).
 */
public record Attribution(
    boolean known, String principal, String via, String eventName, Optional<Instant> time) {

  public static Attribution of(String principal, String via, String eventName, Instant time) {
    return new Attribution(true, principal, via, eventName, Optional.of(time));
  }

  /** Nobody could be named; {@code reason} says why (denied, nothing recorded yet, ...). */
  public static Attribution unknown(String reason) {
    return new Attribution(false, "unknown", reason, "", Optional.empty());
  }

  /**
   * "role deployer (session alice) via AWS CLI, UpdateAlias20150331 at 2026-…" or "unknown (…)".
   */
  public String describe() {
    if (!known) return "unknown (" + via + ")";
    return principal + " via " + via + ", " + eventName + time.map(t -> " at " + t).orElse("");
  }
}
