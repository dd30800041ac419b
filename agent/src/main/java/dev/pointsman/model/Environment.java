package dev.pointsman.model;

import java.util.Optional;

/** Where and how one environment (one folder of the manifests repository) is reconciled. */
public record Environment(
    String name,
    String region,
    String accountId,
    Optional<String> roleArn,
    DriftPolicy drift,
    boolean isProtected,
    Source source,
    Optional<String> changeEventsQueue,
    ReleasePolicy policy) {
  /** Without a release policy. */
  public Environment(
      String name,
      String region,
      String accountId,
      Optional<String> roleArn,
      DriftPolicy drift,
      boolean isProtected,
      Source source,
      Optional<String> changeEventsQueue) {
    this(
        name,
        region,
        accountId,
        roleArn,
        drift,
        isProtected,
        source,
        changeEventsQueue,
        ReleasePolicy.NONE);
  }

  /** Without a change-event queue (drift found by the timer sweep alone). */
  public Environment(
      String name,
      String region,
      String accountId,
      Optional<String> roleArn,
      DriftPolicy drift,
      boolean isProtected,
      Source source) {
    this(name, region, accountId, roleArn, drift, isProtected, source, Optional.empty());
  }
}
