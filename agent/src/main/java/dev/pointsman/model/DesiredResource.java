package dev.pointsman.model;

/** One pointer declared in Git. Each manifest kind has one implementation. */
public interface DesiredResource {
  ResourceId id();

  Source source();

  /** SSM parameters and secrets this resource refers to; all must exist before it is applied. */
  default java.util.List<ConfigRef> references() {
    return java.util.List.of();
  }
}
