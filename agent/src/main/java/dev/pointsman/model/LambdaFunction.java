package dev.pointsman.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Desired code and configuration of a Lambda function (manifest kind {@code LambdaFunction}): the
 * code at a fixed S3 object (with the CodeSha256 it must have), the environment variables and the
 * KMS key. Everything else of the function (memory, timeout, role, layers) stays as it is live.
 * Pointsman does not create or delete functions; it updates them and publishes versions whose
 * content matches, which aliases name with {@code version: {publishedFrom: <metadata.name>}}.
 */
public record LambdaFunction(
    String environment,
    String metadataName,
    String functionName,
    Code code,
    Map<String, String> variables,
    Optional<String> kmsKeyArn,
    List<ConfigRef> references,
    Source source)
    implements DesiredResource {
  public static final String KIND = "LambdaFunction";

  public LambdaFunction {
    variables = Map.copyOf(variables);
    references = List.copyOf(references);
  }

  /** Where the deployment package is, and the hash it must have. */
  public record Code(
      String s3Bucket, String s3Key, Optional<String> s3ObjectVersion, String sha256) {
    /** For plans: the short hash and where it comes from. */
    public String describe() {
      return sha256.substring(0, 8)
          + "… (s3://"
          + s3Bucket
          + "/"
          + s3Key
          + s3ObjectVersion.map(v -> "@" + v).orElse("")
          + ")";
    }
  }

  @Override
  public boolean concerns(ChangeEvent event) {
    return event.service().equals("lambda") && event.namesFunction(functionName);
  }

  @Override
  public String group() {
    return "function " + functionName;
  }

  @Override
  public String target() {
    return "code " + code.describe();
  }

  @Override
  public List<String> artifacts() {
    return List.of(code.sha256());
  }

  @Override
  public ResourceId id() {
    return new ResourceId(environment, KIND, functionName);
  }

  /** A function's aliases and versions are read together: one read group per function. */
  @Override
  public String readGroup() {
    return functionName;
  }

  /** Whether a published version (or $LATEST) has exactly this code and owned configuration. */
  public boolean matches(
      String codeSha256, Map<String, String> liveVariables, Optional<String> liveKms) {
    return code.sha256().equals(codeSha256)
        && variables.equals(liveVariables)
        && kmsKeyArn.equals(liveKms.filter(k -> !k.isEmpty()));
  }
}
