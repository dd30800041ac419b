package dev.pointsman.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level command; every verb is a subcommand. */
@Command(
    name = "pointsman",
    mixinStandardHelpOptions = true,
    versionProvider = PointsmanCommand.Version.class,
    description =
        "GitOps reconciliation agent for AWS release pointers: moves Lambda aliases to the versions Git declares.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      RunCommand.class,
      StatusCommand.class,
      ImportCommand.class,
      PromoteCommand.class,
      VersionCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (plan: converged)", "1:errors", "2:plan: changes pending"})
public final class PointsmanCommand {
  static String version() {
    String v = PointsmanCommand.class.getPackage().getImplementationVersion();
    return "pointsman " + (v == null ? "development build" : v);
  }

  /** Reads the version Maven wrote into the jar manifest. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
