package dev.pointsman.aws;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Published AWS request quotas, per API family, and the share of them the agent allows itself
 * (other tools share the same budget). Overridable per account: {@code 123456789012:lambda=30}. The
 * families of each manifest kind come from its descriptor; the core ones are here.
 */
public record Quotas(double share, Map<String, Double> overrides, Map<String, Double> published) {
  /** Requests per second of the families every agent calls, whatever kinds it manages. */
  public static final Map<String, Double> CORE_FAMILIES =
      Map.ofEntries(
          Map.entry("ssm-getparameters", 40.0),
          Map.entry("ssm", 40.0),
          Map.entry("secretsmanager", 40.0),
          Map.entry("sts", 100.0),
          Map.entry("dynamodb", 100.0),
          Map.entry("cloudwatch-describealarms", 9.0),
          Map.entry("cloudwatch", 20.0),
          // LookupEvents: 2 per second per account and Region, shared with every other caller.
          Map.entry("cloudtrail", 2.0),
          // SQS has no published per-account rate for these; long polls make a handful per minute.
          Map.entry("sqs", 100.0));

  /** The family of an operation no family covers: a cautious 10 requests per second. */
  public static final String OTHER = "other";

  public Quotas {
    if (share <= 0 || share > 1)
      throw new IllegalArgumentException("quota share must be in (0, 1], found " + share);
    overrides = Map.copyOf(overrides);
    published = Map.copyOf(published);
  }

  /** Parses {@code <account>:<family>=<requests per second>} overrides. */
  public static Quotas of(double share, Iterable<String> overrides, Map<String, Double> published) {
    Map<String, Double> parsed = new HashMap<>();
    for (String o : overrides) {
      String[] kv = o.split("=", 2);
      String[] key = kv[0].split(":", 2);
      if (kv.length != 2
          || key.length != 2
          || !key[0].matches("[0-9]{12}")
          || !published.containsKey(key[1])) {
        throw new IllegalArgumentException(
            "expected <12-digit account>:<family>=<requests per second> with family one of "
                + new TreeSet<>(published.keySet())
                + ", found '"
                + o
                + "'");
      }
      parsed.put(kv[0], Double.parseDouble(kv[1]));
    }
    return new Quotas(share, parsed, published);
  }

  /** The API family an operation counts against ({@link #OTHER} when none is published). */
  public String family(String service, String operation) {
    String s = AwsOperation.normalise(service);
    String specific = s + "-" + operation.toLowerCase(Locale.ROOT);
    if (published.containsKey(specific)) return specific;
    return published.containsKey(s) ? s : OTHER;
  }

  /**
   * The rate the agent allows itself for {@code family} in {@code account}, requests per second.
   */
  public double allowed(String account, String family) {
    Optional<Double> override = Optional.ofNullable(overrides.get(account + ":" + family));
    return override.orElseGet(() -> published.getOrDefault(family, 10.0) * share);
  }
}
