package dev.pointsman.model;

import java.util.List;
import java.util.Optional;

/** Every environment of one commit, validated as a whole. */
public record DesiredState(List<EnvironmentManifests> environments) {
  public DesiredState {
    environments = List.copyOf(environments);
  }

  public Optional<EnvironmentManifests> environment(String name) {
    return environments.stream().filter(e -> e.environment().name().equals(name)).findFirst();
  }
}
