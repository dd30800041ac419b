package dev.pointsman.cli;

import dev.pointsman.config.ConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Entry point of {@code java -jar pointsman.jar}. */
public final class Main {
  /**
   * The JDK's HTTP server (webhooks, status, the board, the warm start's loopback server) writes a
   * response's headers and its body separately: without TCP_NODELAY the body waits for the client's
   * delayed ACK, 40 ms on Linux, on every reused connection. Read once, when the first server is
   * made; a value given with -D is kept.
   */
  static final String HTTP_SERVER_NO_DELAY = "sun.net.httpserver.nodelay";

  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command and returns its exit code: 0 ok, 1 errors, 2 changes pending (plan). */
  public static int execute(String... args) {
    if (System.getProperty(HTTP_SERVER_NO_DELAY) == null)
      System.setProperty(HTTP_SERVER_NO_DELAY, "true");
    CommandLine cli = new CommandLine(new PointsmanCommand());
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage());
          ex.getCommandLine().getErr().println("Run with --help for usage.");
          return 1;
        });
    Optional<Path> config = optionValue(args, "--config");
    if (config.isPresent()) {
      try {
        cli.setDefaultValueProvider(
            ConfigFile.read(config.get(), optionKeys(cli.getCommandSpec())));
      } catch (IOException e) {
        System.err.println("error: cannot read config file " + e.getMessage());
        return 1;
      }
    }
    return cli.execute(args);
  }

  private static Optional<Path> optionValue(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name) && i + 1 < args.length) return Optional.of(Path.of(args[i + 1]));
      if (args[i].startsWith(name + "="))
        return Optional.of(Path.of(args[i].substring(name.length() + 1)));
    }
    return Optional.empty();
  }

  private static Set<String> optionKeys(CommandSpec spec) {
    Set<String> keys = new HashSet<>();
    for (OptionSpec o : spec.options()) keys.add(ConfigFile.key(o.longestName()));
    spec.subcommands().values().forEach(sub -> keys.addAll(optionKeys(sub.getCommandSpec())));
    keys.remove("help");
    keys.remove("version");
    keys.remove("config");
    return keys;
  }
}
