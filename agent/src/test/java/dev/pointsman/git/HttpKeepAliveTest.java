package dev.pointsman.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's Git fetches keep their connection to the server between polls. The JDK reads its
 * keep-alive settings once per process, so each case runs in a JVM of its own ({@link Probe}): two
 * fetches over smart HTTP with longer than the JDK's own keep-alive (5 s, checked every 5 s)
 * between them, and the connections the server saw.
 */
class HttpKeepAliveTest {
  /** Past the JDK's default keep-alive, whenever its cache's timer looks. */
  private static final long GAP_MS = 11_000;

  @TempDir Path tmp;

  @Test
  void keepsAConnectionALittleLongerThanThePollInterval() {
    assertThat(HttpKeepAlive.keepFor(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(60));
    assertThat(HttpKeepAlive.keepFor(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(330));
  }

  @Test
  void aFetchAfterAnIdleGapReusesTheConnectionTheLastOneUsedAndAGivenSettingIsKept()
      throws Exception {
    CompletableFuture<String> agent = probe("agent", List.of());
    CompletableFuture<String> jdk = probe("jdk", List.of());
    // An operator's -D wins: 1 s here, so the connection is gone when the second fetch comes.
    CompletableFuture<String> given = probe("agent", List.of("-D" + HttpKeepAlive.SERVER + "=1"));
    // A server that closes idle connections after 1 s: the kept one is dead when the second fetch
    // comes, which the JDK finds on the fetch's first request and sends again on a new connection.
    CompletableFuture<String> closedByTheServer =
        probe(
            "agent",
            List.of("-Dsun.net.httpserver.idleInterval=1", "-Dsun.net.httpserver.clockTick=200"));
    assertThat(agent.get(90, TimeUnit.SECONDS)).contains("connections=1", "keep-alive=60");
    assertThat(jdk.get(90, TimeUnit.SECONDS)).contains("connections=2", "keep-alive=null");
    assertThat(given.get(90, TimeUnit.SECONDS)).contains("connections=2", "keep-alive=1");
    assertThat(closedByTheServer.get(90, TimeUnit.SECONDS))
        .contains("connections=2", "keep-alive=60");
  }

  private CompletableFuture<String> probe(String mode, List<String> jvmOptions) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Path dir = Files.createTempDirectory(tmp, mode);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(
                List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    Probe.class.getName(),
                    mode,
                    dir.toString(),
                    Long.toString(GAP_MS)));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
              throw new IllegalStateException("probe " + mode + " failed: " + out);
            return out;
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * {@code Probe agent|jdk DIR GAP_MS}: serves a repository over smart HTTP, fetches it with a
   * {@link GitSource} (after {@link HttpKeepAlive#configure} with the default 30 s poll interval in
   * mode {@code agent}), commits, waits GAP_MS, fetches again, and prints the connections the
   * server saw and the keep-alive the JDK was given.
   */
  static final class Probe {
    public static void main(String[] args) throws Exception {
      if (args[0].equals("agent")) HttpKeepAlive.configure(Duration.ofSeconds(30));
      Path dir = Path.of(args[1]);
      try (Git origin =
              Git.init()
                  .setDirectory(dir.resolve("origin").toFile())
                  .setInitialBranch("main")
                  .call();
          SmartHttpServer server = new SmartHttpServer(origin.getRepository());
          GitSource source =
              new GitSource(
                  new GitSettings(
                      server.url(),
                      Optional.of("main"),
                      dir.resolve("work"),
                      Optional.empty(),
                      Optional.empty()))) {
        commit(origin, dir, "1");
        String first = source.sync().sha();
        String second = commit(origin, dir, "2");
        Thread.sleep(Long.parseLong(args[2]));
        if (!source.sync().sha().equals(second) || first.equals(second))
          throw new IllegalStateException("the second fetch did not bring the second commit");
        System.out.println(
            "connections="
                + server.connections()
                + " keep-alive="
                + System.getProperty(HttpKeepAlive.SERVER));
      }
    }

    private static String commit(Git git, Path dir, String version) throws Exception {
      Files.writeString(dir.resolve("origin").resolve("v.yaml"), "version: " + version + "\n");
      git.add().addFilepattern(".").call();
      return git.commit().setMessage("v" + version).call().getName();
    }
  }
}
