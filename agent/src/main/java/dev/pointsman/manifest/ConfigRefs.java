package dev.pointsman.manifest;

import dev.pointsman.model.ConfigRef;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises SSM parameter and Secrets Manager references and checks they name this environment.
 */
final class ConfigRefs {
  static final String EXPECTED =
      "a reference: ssm:/<path>, an SSM parameter ARN or a Secrets Manager secret ARN";

  private ConfigRefs() {}

  static boolean looksLikeReference(String value) {
    return value.startsWith("ssm:")
        || value.startsWith("arn:aws:ssm:")
        || value.startsWith("arn:aws:secretsmanager:")
        || value.matches("arn:aws[a-z-]+:(ssm|secretsmanager):.*");
  }

  /**
   * The reference in {@code value}, or empty after reporting why it is not one (bad shape, another
   * account or Region) on field {@code name} of {@code fields}.
   */
  static Optional<ConfigRef> parse(
      String value, Environment env, Fields fields, Source source, String... path) {
    if (!Patterns.CONFIG_REF.matcher(value).matches()) {
      // Never echo the value: someone may have pasted the secret itself where its reference
      // belongs.
      fields.failPath(
          "expected "
              + EXPECTED
              + ", found a value that is not one (not shown: it may be a secret)",
          path);
      return Optional.empty();
    }
    if (value.startsWith("ssm:")) {
      return Optional.of(new ConfigRef(ConfigRef.Type.SSM_PARAMETER, value.substring(4), source));
    }
    Optional<String> outside = Arns.outside(value, env, "reference");
    if (outside.isPresent()) {
      fields.failPath(outside.get(), path);
      return Optional.empty();
    }
    String[] parts = value.split(":");
    if (parts[2].equals("ssm")) {
      String parameter = value.substring(value.indexOf(":parameter") + ":parameter".length());
      return Optional.of(new ConfigRef(ConfigRef.Type.SSM_PARAMETER, parameter, source));
    }
    // ECS may append :json-key:version-stage:version-id to a secret ARN; the secret is the first 7
    // parts.
    return Optional.of(
        new ConfigRef(ConfigRef.Type.SECRET, String.join(":", Arrays.copyOf(parts, 7)), source));
  }

  /** How ECS wants the reference in a container's {@code secrets[].valueFrom}: an ARN. */
  static String ecsValueFrom(String value, Environment env) {
    if (!value.startsWith("ssm:")) return value;
    return "arn:aws:ssm:"
        + env.region()
        + ":"
        + env.accountId()
        + ":parameter"
        + value.substring(4);
  }
}
