package dev.pointsman.model;

import java.util.Map;
import java.util.Optional;

/**
 * What the live reader saw for one desired alias: the alias (absent when it does not exist yet)
 * and, for every published version the manifest names, its code hash (absent when the version does
 * not exist), and for an alias declared {@code publishedFrom} the published version whose content
 * matches that LambdaFunction (absent while none does).
 */
public record LambdaAliasObservation(
    Optional<LiveLambdaAlias> alias,
    Map<String, Optional<String>> versionCodeSha256,
    Optional<String> publishedMatch) {
  /**
   * The code hash of a version the live alias already serves, not read (it exists: AWS does not let
   * an alias point at a missing version; nothing asked for its hash).
   */
  public static final String NOT_READ = "(served already; not read)";

  public LambdaAliasObservation {
    versionCodeSha256 = Map.copyOf(versionCodeSha256);
  }

  public LambdaAliasObservation(
      Optional<LiveLambdaAlias> alias, Map<String, Optional<String>> versionCodeSha256) {
    this(alias, versionCodeSha256, Optional.empty());
  }
}
