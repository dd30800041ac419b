package dev.pointsman.model;

import java.util.List;

/** One environment folder: its settings and the pointers it declares. */
public record EnvironmentManifests(Environment environment, List<DesiredResource> resources) {
  public EnvironmentManifests {
    resources = List.copyOf(resources);
  }
}
