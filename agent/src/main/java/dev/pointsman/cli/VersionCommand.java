package dev.pointsman.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code pointsman version}. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println(PointsmanCommand.version() + " (Java " + Runtime.version() + ")");
    return 0;
  }
}
