package dev.pointsman.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda function as the reader saw it: $LATEST's code hash, owned configuration and update
 * status, and every published version's (versions are immutable; their content is what an alias
 * with {@code publishedFrom} is matched on).
 */
public record LambdaFunctionObservation(
    Content latest, String lastUpdateStatus, List<Published> versions) {
  public LambdaFunctionObservation {
    versions = List.copyOf(versions);
  }

  /** The owned content of $LATEST or of a version. */
  public record Content(
      String codeSha256, Map<String, String> variables, Optional<String> kmsKeyArn) {
    public Content {
      variables = Map.copyOf(variables);
      kmsKeyArn = kmsKeyArn.filter(k -> !k.isEmpty());
    }
  }

  public record Published(String version, Content content) {}

  /** The newest published version whose content matches {@code spec}. */
  public Optional<String> publishedMatch(LambdaFunction spec) {
    return match(versions, spec);
  }

  /** The newest of {@code versions} whose content matches {@code spec}. */
  public static Optional<String> match(List<Published> versions, LambdaFunction spec) {
    return versions.stream()
        .filter(
            p ->
                spec.matches(
                    p.content().codeSha256(), p.content().variables(), p.content().kmsKeyArn()))
        .map(Published::version)
        .max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
  }
}
