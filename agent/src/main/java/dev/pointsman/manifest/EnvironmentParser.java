package dev.pointsman.manifest;

import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code spec} of kind {@code Environment}. */
final class EnvironmentParser {
  static final String KIND = "Environment";
  private static final Set<String> FIELDS =
      Set.of("region", "accountId", "roleArn", "drift", "protected");

  private static final Pattern DRIFT = Pattern.compile("heal|report");

  Optional<Environment> parse(String name, Fields spec, Source source) {
    int before = spec.errors().size();
    spec.rejectUnknown(FIELDS);
    Optional<String> region =
        spec.string("region", true, Patterns.REGION, "an AWS Region such as eu-west-1");
    Optional<String> account = accountId(spec);
    Optional<String> role =
        spec.string(
            "roleArn",
            false,
            Patterns.ROLE_ARN,
            "an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
    Optional<String> drift = spec.string("drift", false, DRIFT, "heal or report");
    boolean isProtected = spec.bool("protected").orElse(false);
    if (spec.errors().size() > before || region.isEmpty() || account.isEmpty()) {
      return Optional.empty();
    }
    DriftPolicy policy =
        drift.map(d -> DriftPolicy.valueOf(d.toUpperCase(Locale.ROOT))).orElse(DriftPolicy.REPORT);
    return Optional.of(
        new Environment(name, region.get(), account.get(), role, policy, isProtected, source));
  }

  private static Optional<String> accountId(Fields spec) {
    // Quoted on purpose: YAML reads an unquoted 000000000000 as the number 0.
    return spec.string(
        "accountId",
        true,
        Patterns.ACCOUNT_ID,
        "a quoted 12-digit AWS account id such as \"123456789012\"");
  }
}
