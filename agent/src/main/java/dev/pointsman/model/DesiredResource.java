package dev.pointsman.model;

/** One pointer declared in Git. Each manifest kind has one implementation. */
public interface DesiredResource {
  ResourceId id();

  Source source();
}
