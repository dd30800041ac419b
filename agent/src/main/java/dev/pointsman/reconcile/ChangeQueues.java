package dev.pointsman.reconcile;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.live.trail.ChangeEventQueue;
import dev.pointsman.model.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one poller per change-event queue the live commit names (one per queue, not per resource):
 * started when a commit names a queue, stopped when none does any more. Pollers read only while
 * this replica leads; they run on {@code threads}, which belongs to the caller.
 */
public final class ChangeQueues implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeQueues.class);

  private final Agent agent;
  private final AgentLoop loop;
  private final AwsClients clients;
  private final AwsCalls calls;
  private final ExecutorService threads;
  private final Duration wait;
  private final Map<String, Running> running = new HashMap<>();

  private record Running(ChangeEventQueue queue, Future<?> thread, Environment env) {}

  public ChangeQueues(
      Agent agent,
      AgentLoop loop,
      AwsClients clients,
      AwsCalls calls,
      ExecutorService threads,
      Duration wait) {
    this.agent = agent;
    this.loop = loop;
    this.clients = clients;
    this.calls = calls;
    this.threads = threads;
    this.wait = wait;
  }

  /** Starts pollers for queues newly named, stops those of queues no longer named. */
  public synchronized void refresh() {
    Map<String, Environment> wanted = agent.changeQueues();
    running
        .entrySet()
        .removeIf(
            e -> {
              Environment env = wanted.get(e.getKey());
              if (env != null && env.equals(e.getValue().env())) return false;
              e.getValue().queue().stop();
              e.getValue().thread().cancel(true);
              agent.queueReachable(e.getKey(), Optional.empty());
              return true;
            });
    wanted.forEach(
        (url, env) -> {
          if (running.containsKey(url)) return;
          ChangeEventQueue q =
              new ChangeEventQueue(
                  clients,
                  calls,
                  env,
                  loop::changeEvents,
                  agent::queueReachable,
                  loop::leading,
                  wait);
          running.put(url, new Running(q, threads.submit(q), env));
        });
  }

  /** Refreshes on {@code scheduler} (the caller's) every {@code period}; a failure is logged. */
  public void refreshEvery(ScheduledExecutorService scheduler, Duration period) {
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) { // a throw would cancel the schedule: try again later
            log.warn("change-event queues not refreshed: {}", e.toString());
          }
        },
        1000,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  public synchronized int pollers() {
    return running.size();
  }

  @Override
  public synchronized void close() {
    running.values().forEach(r -> r.queue().stop());
    running.values().forEach(r -> r.thread().cancel(true));
    running.clear();
  }
}
