package dev.pointsman.model;

/**
 * Identity of a pointer within an environment: the kind and the AWS-side name (for a Lambda alias
 * {@code function/alias}). Desired and live state are paired on this key.
 */
public record ResourceId(String environment, String kind, String name)
    implements Comparable<ResourceId> {
  /** What problems of a whole environment (its account, its folder) are filed under. */
  public static ResourceId environment(String name) {
    return new ResourceId(name, "Environment", name);
  }

  @Override
  public int compareTo(ResourceId o) {
    int c = environment.compareTo(o.environment);
    if (c == 0) c = kind.compareTo(o.kind);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return environment + " " + kind + " " + name;
  }
}
