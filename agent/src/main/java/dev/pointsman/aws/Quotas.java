package dev.pointsman.aws;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Published AWS request quotas, per API family, and the share of them the agent allows itself
 * (other tools share the same budget). Overridable per account: {@code 123456789012:lambda=30}.
 */
public record Quotas(double share, Map<String, Double> overrides) {
  /** Requests per second by family, as AWS publishes them. */
  static final Map<String, Double> PUBLISHED =
      Map.ofEntries(
          Map.entry("lambda", 15.0), // control plane, shared by every Lambda API but GetFunction
          Map.entry("lambda-getfunction", 100.0),
          Map.entry("apigateway", 10.0),
          Map.entry("apigateway-createdeployment", 0.2),
          Map.entry("ecs-describeservices", 20.0),
          Map.entry("ecs-updateservice", 5.0),
          Map.entry("ecs-registertaskdefinition", 1.0),
          Map.entry("ecs", 20.0),
          Map.entry("ssm-getparameters", 40.0),
          Map.entry("ssm", 40.0),
          Map.entry("secretsmanager", 40.0),
          Map.entry("sts", 100.0),
          Map.entry("dynamodb", 100.0),
          Map.entry("cloudwatch-describealarms", 9.0),
          Map.entry("cloudwatch", 20.0));

  public Quotas {
    if (share <= 0 || share > 1)
      throw new IllegalArgumentException("quota share must be in (0, 1], found " + share);
    overrides = Map.copyOf(overrides);
  }

  public static Quotas defaults() {
    return new Quotas(0.5, Map.of());
  }

  /** Parses {@code <account>:<family>=<requests per second>} overrides. */
  public static Quotas of(double share, Iterable<String> overrides) {
    Map<String, Double> parsed = new HashMap<>();
    for (String o : overrides) {
      String[] kv = o.split("=", 2);
      String[] key = kv[0].split(":", 2);
      if (kv.length != 2
          || key.length != 2
          || !key[0].matches("[0-9]{12}")
          || !PUBLISHED.containsKey(key[1])) {
        throw new IllegalArgumentException(
            "expected <12-digit account>:<family>=<requests per second> with family one of "
                + new TreeSet<>(PUBLISHED.keySet())
                + ", found '"
                + o
                + "'");
      }
      parsed.put(kv[0], Double.parseDouble(kv[1]));
    }
    return new Quotas(share, parsed);
  }

  /** The API family an operation counts against. */
  public static String family(String service, String operation) {
    String s = service.toLowerCase(Locale.ROOT).replace(" ", "");
    String op = operation.toLowerCase(Locale.ROOT);
    String specific = s + "-" + op;
    if (PUBLISHED.containsKey(specific)) return specific;
    return PUBLISHED.containsKey(s) ? s : "other";
  }

  /**
   * The rate the agent allows itself for {@code family} in {@code account}, requests per second.
   */
  public double allowed(String account, String family) {
    Optional<Double> override = Optional.ofNullable(overrides.get(account + ":" + family));
    return override.orElseGet(() -> PUBLISHED.getOrDefault(family, 10.0) * share);
  }
}
