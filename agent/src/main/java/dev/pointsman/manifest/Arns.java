package dev.pointsman.manifest;

import dev.pointsman.model.Environment;
import java.util.Optional;

/** ARNs in a manifest must name the environment's own account and Region. */
final class Arns {
  private Arns() {}

  /** Empty when {@code arn} is in {@code env}'s account and Region; otherwise what is wrong. */
  static Optional<String> outside(String arn, Environment env, String what) {
    String[] parts = arn.split(":");
    if (parts.length > 4 && parts[3].equals(env.region()) && parts[4].equals(env.accountId()))
      return Optional.empty();
    String where =
        parts.length > 4 ? "account " + parts[4] + " / " + parts[3] : "an unknown account";
    return Optional.of(
        what
            + " is in "
            + where
            + ", but environment "
            + env.name()
            + " is account "
            + env.accountId()
            + " in "
            + env.region());
  }
}
