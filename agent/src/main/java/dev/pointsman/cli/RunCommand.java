package dev.pointsman.cli;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.config.DurationConverter;
import dev.pointsman.git.GitSource;
import dev.pointsman.reconcile.AgentLoop;
import dev.pointsman.reconcile.StateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pointsman run}: the agent loop, until SIGTERM or SIGINT. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Follow the branch and apply each new commit; keeps the last good commit live through errors.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin SourceOptions source;

  @Option(
      names = "--interval",
      paramLabel = "<duration>",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Git poll interval, e.g. 10s, 1m (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Override
  public Integer call() throws IOException {
    if (interval.isNegative() || interval.isZero()) {
      System.err.println("error: --interval must be positive");
      return 1;
    }
    CountDownLatch done = new CountDownLatch(1);
    try (GitSource git = new GitSource(GitOptions.settings(source));
        AwsClients aws = AwsClients.standard()) {
      AgentLoop loop =
          new AgentLoop(
              git,
              source.path,
              source.environments(),
              Components.pass(aws, new AwsCalls(AwsCalls.RetryPolicy.defaults())),
              new StateStore(source.workdir()),
              Clock.systemUTC(),
              interval);
      Thread hook =
          new Thread(
              () -> {
                loop.stop();
                awaitQuietly(done);
              },
              "pointsman-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      log.info(
          "{} following {} every {}",
          PointsmanCommand.version(),
          source.branch().orElse("the default branch"),
          interval);
      loop.run();
    } finally {
      done.countDown();
    }
    log.info("stopped");
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(
          java.util.concurrent.TimeUnit.SECONDS.toMillis(10),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
