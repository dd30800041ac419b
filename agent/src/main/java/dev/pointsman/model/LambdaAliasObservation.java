package dev.pointsman.model;

import java.util.Map;
import java.util.Optional;

/**
 * What the live reader saw for one desired alias: the alias (absent when it does not exist yet)
 * and, for every published version the manifest names, its code hash (absent when the version does
 * not exist).
 */
public record LambdaAliasObservation(
    Optional<LiveLambdaAlias> alias, Map<String, Optional<String>> versionCodeSha256) {
  public LambdaAliasObservation {
    versionCodeSha256 = Map.copyOf(versionCodeSha256);
  }
}
