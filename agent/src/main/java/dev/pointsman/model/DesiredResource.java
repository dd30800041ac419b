package dev.pointsman.model;

import java.util.List;
import java.util.Optional;

/** One pointer declared in Git. Each manifest kind has one implementation. */
public interface DesiredResource {
  ResourceId id();

  /**
   * {@code id().equals(id)}; kinds with many resources per environment answer it without building
   * their id (a promotion's pass looks at every resource of the environment it touches).
   */
  default boolean is(ResourceId id) {
    return id().equals(id);
  }

  /** The document's {@code metadata.name}. */
  String metadataName();

  /** The document's {@code kind} and {@code metadata.name}, as {@link #dependsOn()} names it. */
  default String documentKey() {
    return id().kind() + "/" + metadataName();
  }

  Source source();

  /** SSM parameters and secrets this resource refers to; all must exist before it is applied. */
  default List<ConfigRef> references() {
    return List.of();
  }

  /**
   * Resources of one kind that share a read group are read together, by as few calls as {@link
   * #readBatch()} allows (all aliases of a function by one ListAliases, all stages of a REST API by
   * one GetStages), across every environment in the same account, Region and role. The drift sweep
   * slices the fleet along these groups so that slicing never costs an extra call.
   */
  default String readGroup() {
    return id().name();
  }

  /**
   * Another document of the same environment this one is planned with ({@code kind/metadata.name}):
   * a pass that covers that document covers this one too.
   */
  default Optional<String> dependsOn() {
    return Optional.empty();
  }

  /**
   * Why {@code target} (what {@link #dependsOn()} names, absent when no document has that name)
   * cannot be what this resource depends on; empty when it can.
   */
  default Optional<String> dependencyProblem(Optional<DesiredResource> target) {
    return Optional.empty();
  }

  /** This resource with what it depends on bound for a pass ({@code target} as above). */
  default DesiredResource bind(DesiredResource target) {
    return this;
  }

  /**
   * True when AWS API call {@code event} may have changed this resource's live state. Errs towards
   * yes: the event only asks for a re-read, which decides.
   */
  default boolean concerns(ChangeEvent event) {
    return false;
  }

  /**
   * What this pointer belongs to, as the manifests name it (a function, a REST API, a service): the
   * release board groups its rows by it.
   */
  default String group() {
    return id().name();
  }

  /**
   * What Git says this pointer points at, in a few words ("7 (+8 at 10%)", "deployment k7x9q2",
   * "orders@sha256:0123abcd", "version 3"): the board shows it where live matches Git.
   */
  default String target() {
    return id().name();
  }

  /**
   * The immutable artifacts this pointer serves (a version and its canary's, a deployment, image
   * digests, a configuration version): what the release policy's soak and promotion order track.
   */
  default List<String> artifacts() {
    return List.of(target());
  }

  /** How many resources of one read group one read call covers. */
  default int readBatch() {
    return Integer.MAX_VALUE;
  }
}
