package dev.pointsman.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pointsman apply}: one reconciliation of the tip of the followed branch. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Apply the tip of the branch once: the fewest calls that converge. Exit 0 converged, 1 errors.")
final class ApplyCommand implements Callable<Integer> {
  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    return PassCommand.run(source, true);
  }
}
