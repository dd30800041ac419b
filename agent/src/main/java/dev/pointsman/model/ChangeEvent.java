package dev.pointsman.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One AWS API call as CloudTrail recorded it (delivered by EventBridge to a queue, or found by
 * LookupEvents): the service ({@code lambda}, {@code apigateway}, {@code ecs}, {@code appconfig}),
 * the event's name, whether it only read, where it ran, the request's top-level scalar parameters
 * (keys in lower case), the names of the resources CloudTrail lists for it, who made it and whether
 * that was Pointsman itself. A hint, never the truth: live state is re-read before anything is
 * reported or written.
 */
public record ChangeEvent(
    String service,
    String eventName,
    boolean readOnly,
    Instant time,
    String region,
    String account,
    Map<String, String> parameters,
    Set<String> resourceNames,
    Attribution who,
    boolean byPointsman) {
  /** Request parameters that set a field Pointsman owns: a call carrying one changed something. */
  private static final Set<String> WRITE_PARAMETERS =
      Set.of(
          "functionversion",
          "routingconfig",
          "patchoperations",
          "deploymentid",
          "taskdefinition",
          "desiredcount",
          "configurationversion",
          "s3key",
          "environment");

  public ChangeEvent {
    parameters = Map.copyOf(parameters);
    resourceNames = Set.copyOf(resourceNames);
  }

  /**
   * True when the call may have changed something: not read-only, or (some recorders flag writes as
   * reads) it carries a parameter that sets an owned field.
   */
  public boolean writes() {
    return !readOnly || parameters.keySet().stream().anyMatch(WRITE_PARAMETERS::contains);
  }

  /** True when the event names a resource at all (by parameter or in its resource list). */
  public boolean identifies() {
    return !resourceNames.isEmpty()
        || parameters.keySet().stream()
            .anyMatch(
                Set.of("functionname", "restapiid", "service", "applicationid", "cluster")
                    ::contains);
  }

  /**
   * True when parameter {@code key} is absent or names {@code value} (an ARN or a name: compared by
   * the last {@code :} or {@code /} segment, as AWS accepts either).
   */
  public boolean absentOrNames(String key, String value) {
    String v = parameters.get(key.toLowerCase(Locale.ROOT));
    return v == null || lastSegment(v).equals(lastSegment(value));
  }

  /** True when the function named by parameter or resource list is {@code function}. */
  public boolean namesFunction(String function) {
    String wanted = functionName(function);
    String v = parameters.get("functionname");
    if (v != null) return functionName(v).equals(wanted);
    return resourceNames.stream().anyMatch(n -> functionName(n).equals(wanted));
  }

  /** {@code arn:aws:lambda:r:a:function:Name[:qualifier]} or {@code Name[:qualifier]} → Name. */
  public static String functionName(String nameOrArn) {
    String[] parts = nameOrArn.split(":");
    if (parts.length >= 7 && parts[5].equals("function")) return parts[6];
    return parts[0];
  }

  static String lastSegment(String s) {
    int i = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
    return i < 0 ? s : s.substring(i + 1);
  }
}
