package dev.pointsman.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code pointsman.jar} in its own JVM, configured only through arguments and environment.
 */
public final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private AgentProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static AgentProcess start(Path log, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new AgentProcess(pb.start(), log);
  }

  /**
   * {@code pointsman run} on {@code repo} with work dir {@code workdir}, polling every 300 ms, HTTP
   * on a free port unless {@code extra} names one; {@code extra} options are appended.
   */
  public static AgentProcess run(
      Path log, Map<String, String> env, Path repo, Path workdir, String... extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--repo",
                repo.toString(),
                "--workdir",
                workdir.toString(),
                "--interval",
                "300ms"));
    if (!List.of(extra).contains("--http-port")) args.addAll(List.of("--http-port", "0"));
    args.addAll(List.of(extra));
    return start(log, env, args.toArray(String[]::new));
  }

  /** Environment that points the SDK's standard chain at {@code endpoint}. */
  public static Map<String, String> awsEnv(java.net.URI endpoint) {
    return Map.of(
        "AWS_ENDPOINT_URL",
        endpoint.toString(),
        "AWS_REGION",
        Emulator.REGION,
        "AWS_ACCESS_KEY_ID",
        "test",
        "AWS_SECRET_ACCESS_KEY",
        "test");
  }

  public static Path jar() {
    Path jar = Path.of(System.getProperty("pointsman.jar", "target/pointsman.jar"));
    if (!Files.isRegularFile(jar)) throw new IllegalStateException("build the jar first: " + jar);
    return jar;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public Process process() {
    return process;
  }

  /** Runs a one-shot command (plan, apply) to completion; returns its exit code. */
  public static int runToEnd(Path log, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    try (AgentProcess p = start(log, env, args)) {
      if (!p.process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
        throw new IllegalStateException("timed out: " + p.output());
      return p.process.exitValue();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS))
      process.destroyForcibly().waitFor();
  }
}
