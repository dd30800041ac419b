package dev.pointsman.testing;

import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.ReleasePolicy;
import dev.pointsman.model.Source;
import java.util.Optional;

/** Environments for unit tests: one account and Region, drift reported, not protected. */
public final class TestEnvironments {
  private TestEnvironments() {}

  /** Environment {@code name}, declared in {@code <name>/environment.yaml}. */
  public static Environment named(String name) {
    return named(name, ReleasePolicy.NONE);
  }

  /** Environment {@code name} with the release policy {@code policy}. */
  public static Environment named(String name, ReleasePolicy policy) {
    return new Environment(
        name,
        "eu-west-1",
        "123456789012",
        Optional.empty(),
        DriftPolicy.REPORT,
        false,
        new Source(name + "/environment.yaml", 1),
        Optional.empty(),
        policy);
  }
}
