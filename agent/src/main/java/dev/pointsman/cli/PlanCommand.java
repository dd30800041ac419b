package dev.pointsman.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pointsman plan}: what apply would change, read-only. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what apply would change. Exit 0 converged, 2 changes pending, 1 errors.")
final class PlanCommand implements Callable<Integer> {
  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    return PassCommand.run(source, false);
  }
}
