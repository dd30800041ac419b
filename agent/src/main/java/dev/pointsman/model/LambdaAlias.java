package dev.pointsman.model;

import java.util.Optional;

/** Desired state of a Lambda alias (manifest kind {@code LambdaAlias}). */
public record LambdaAlias(
    String environment,
    String metadataName,
    String functionName,
    String alias,
    String version,
    Optional<String> codeSha256,
    Optional<Routing> routing,
    Optional<Rollout> rollout,
    Source source)
    implements DesiredResource {
  public static final String KIND = "LambdaAlias";
  public static final String LATEST = "$LATEST";

  @Override
  public ResourceId id() {
    return new ResourceId(environment, KIND, functionName + "/" + alias);
  }

  /** One ListAliases reads every alias of the function. */
  @Override
  public String readGroup() {
    return functionName;
  }
}
