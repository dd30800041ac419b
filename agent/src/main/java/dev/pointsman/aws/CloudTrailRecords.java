package dev.pointsman.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pointsman.model.Attribution;
import dev.pointsman.model.ChangeEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CloudTrail record (the {@code detail} of an EventBridge "AWS API Call via CloudTrail"
 * event, or the {@code CloudTrailEvent} of a LookupEvents result) into a {@link ChangeEvent}: who
 * made the call, from where, and what it named.
 */
public final class CloudTrailRecords {
  /** Marks Pointsman's own calls in their user agent, so its writes are never reported as drift. */
  public static final String USER_AGENT_MARK = "pointsman-agent";

  private CloudTrailRecords() {}

  /** The event, or empty when {@code record} is not a CloudTrail record of an AWS API call. */
  public static Optional<ChangeEvent> parse(JsonNode record, Set<String> resourceNames) {
    if (record == null || !record.isObject()) return Optional.empty();
    String source = record.path("eventSource").asText("");
    String name = record.path("eventName").asText("");
    if (!source.endsWith(".amazonaws.com") || name.isEmpty()) return Optional.empty();
    Instant time;
    try {
      time = Instant.parse(record.path("eventTime").asText(""));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    Map<String, String> parameters = new HashMap<>();
    JsonNode params = record.path("requestParameters");
    if (params.isObject()) {
      params
          .fields()
          .forEachRemaining(
              f -> {
                String key = f.getKey().toLowerCase(Locale.ROOT);
                // Owned fields may be objects (routingConfig); their presence is what matters.
                parameters.put(key, f.getValue().isValueNode() ? f.getValue().asText() : "");
              });
    }
    Set<String> resources = new HashSet<>(resourceNames);
    record
        .path("resources")
        .forEach(
            r -> {
              if (r.hasNonNull("ARN")) resources.add(r.get("ARN").asText());
            });
    String userAgent = record.path("userAgent").asText("");
    JsonNode readOnly = record.path("readOnly");
    boolean read = readOnly.isBoolean() ? readOnly.asBoolean() : "true".equals(readOnly.asText());
    return Optional.of(
        new ChangeEvent(
            source.substring(0, source.indexOf('.')),
            name,
            read,
            time,
            record.path("awsRegion").asText(""),
            record.path("recipientAccountId").asText(""),
            parameters,
            resources,
            Attribution.of(
                principal(record.path("userIdentity")),
                via(
                    userAgent,
                    record.path("userIdentity").path("invokedBy").asText(""),
                    record.path("sourceIPAddress").asText("")),
                name,
                time),
            userAgent.contains(USER_AGENT_MARK)));
  }

  /** "IAM user alice", "role deployer (session ci-42)", "SSO user bob (permission set Admin)". */
  static String principal(JsonNode identity) {
    String type = identity.path("type").asText("");
    String arn = identity.path("arn").asText("");
    switch (type) {
      case "IAMUser":
        return "IAM user " + identity.path("userName").asText(arn);
      case "Root":
        return "root user of account " + identity.path("accountId").asText("?");
      case "AWSService":
        return "AWS service " + identity.path("invokedBy").asText("?");
      case "AssumedRole":
        {
          // arn:aws:sts::123456789012:assumed-role/<role>/<session>
          String[] parts = arn.substring(arn.indexOf(':', 12) + 1).split("/");
          if (parts.length < 3) return "assumed role " + arn;
          String role = parts[1];
          String session = parts[2];
          if (role.startsWith("AWSReservedSSO_")) {
            String set = role.substring("AWSReservedSSO_".length());
            int cut = set.lastIndexOf('_');
            return "SSO user "
                + session
                + " (permission set "
                + (cut > 0 ? set.substring(0, cut) : set)
                + ")";
          }
          return "role " + role + " (session " + session + ")";
        }
      case "FederatedUser":
        return "federated user " + arn.substring(arn.lastIndexOf('/') + 1);
      default:
        return arn.isEmpty() ? identity.path("principalId").asText("unknown principal") : arn;
    }
  }

  /** Where the call came from, from its user agent and invoked-by fields. */
  static String via(String userAgent, String invokedBy, String sourceIp) {
    String ua = userAgent.toLowerCase(Locale.ROOT);
    if (invokedBy.startsWith("cloudformation") || ua.contains("cloudformation.amazonaws.com"))
      return "CloudFormation";
    if (ua.contains(USER_AGENT_MARK)) return "Pointsman";
    if (ua.contains("console.amazonaws.com")
        || ua.contains("signin.amazonaws.com")
        || "AWS Internal".equals(sourceIp)
        || ua.equals("aws internal")) return "the AWS console";
    if (ua.startsWith("aws-cli/")) return "the AWS CLI";
    if (ua.contains("terraform")) return "Terraform";
    if (ua.contains("aws-cdk")) return "the CDK";
    if (ua.contains("boto3/") || ua.contains("botocore/")) return "an SDK (Python, boto3)";
    if (ua.contains("aws-sdk-java")) return "an SDK (Java)";
    if (ua.contains("aws-sdk-go")) return "an SDK (Go)";
    if (ua.contains("aws-sdk-js") || ua.contains("aws-sdk-nodejs")) return "an SDK (JavaScript)";
    if (!invokedBy.isEmpty()) return invokedBy;
    if (ua.isBlank()) return "an unknown client";
    String first = userAgent.split("\\s+")[0];
    return "a client (" + (first.length() > 40 ? first.substring(0, 40) : first) + ")";
  }
}
