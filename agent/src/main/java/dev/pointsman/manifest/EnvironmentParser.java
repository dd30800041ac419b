package dev.pointsman.manifest;

import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.ReleasePolicy;
import dev.pointsman.model.Source;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code spec} of kind {@code Environment}. */
final class EnvironmentParser {
  static final String KIND = "Environment";
  private static final Set<String> FIELDS =
      Set.of(
          "region",
          "accountId",
          "roleArn",
          "drift",
          "protected",
          "changeEvents",
          "promotion",
          "freezes",
          "allowRollbackDuringFreeze");

  /** An SQS queue URL: https://sqs.<region>.amazonaws.com/<account>/<name> (http on loopback). */
  private static final Pattern QUEUE_URL =
      Pattern.compile(
          "(https://[A-Za-z0-9.-]+|http://(127\\.0\\.0\\.1|localhost)(:[0-9]{1,5})?)/([0-9]{12})/[A-Za-z0-9_-]{1,80}(\\.fifo)?");

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
    Optional<String> queue = Optional.empty();
    Optional<Fields> events = spec.object("changeEvents", false, "a mapping {queueUrl}");
    if (events.isPresent()) {
      events.get().rejectUnknown(Set.of("queueUrl"));
      queue =
          events
              .get()
              .string(
                  "queueUrl",
                  true,
                  QUEUE_URL,
                  "an SQS queue URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/pointsman-changes");
      if (queue.isPresent() && account.isPresent()) {
        Matcher m = QUEUE_URL.matcher(queue.get());
        if (m.matches() && !m.group(4).equals(account.get())) {
          events
              .get()
              .failPath(
                  "expected a queue in this environment's account "
                      + account.get()
                      + ", found one in account "
                      + m.group(4),
                  "queueUrl");
        }
      }
    }
    ReleasePolicy policy = ReleasePolicyParser.parse(spec);
    if (policy.from().map(name::equals).orElse(false))
      spec.failPath("expected another environment, found this one", "promotion", "from");
    if (spec.errors().size() > before || region.isEmpty() || account.isEmpty()) {
      return Optional.empty();
    }
    DriftPolicy driftPolicy =
        drift.map(d -> DriftPolicy.valueOf(d.toUpperCase(Locale.ROOT))).orElse(DriftPolicy.REPORT);
    return Optional.of(
        new Environment(
            name,
            region.get(),
            account.get(),
            role,
            driftPolicy,
            isProtected,
            source,
            queue,
            policy));
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
