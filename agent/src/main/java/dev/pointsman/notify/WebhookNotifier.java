package dev.pointsman.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pointsman.secrets.Scrubber;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs rendered notifications to one webhook URL from a background thread: the reconcile loop only
 * enqueues. Failed deliveries (I/O, 429, 5xx) are retried with exponential backoff; a full queue
 * drops the oldest message. The URL is a secret (it authorises posting) and is never logged.
 */
public final class WebhookNotifier implements Notifier, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  private final String name;
  private final URI url;
  private final Function<Notification, ObjectNode> render;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Retry retry;
  private final ThreadPoolExecutor worker;

  public WebhookNotifier(
      String name,
      URI url,
      Function<Notification, ObjectNode> render,
      Duration firstBackoff,
      int attempts) {
    this.name = name;
    this.url = url;
    this.render = render;
    this.retry =
        Retry.of(
            name,
            RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        firstBackoff, 2.0, 0.3, Duration.ofMinutes(2)))
                .retryExceptions(Transient.class)
                .build());
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000),
            r -> {
              Thread t = new Thread(r, "notify-" + name);
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.DiscardOldestPolicy());
  }

  public static WebhookNotifier slack(URI url) {
    return new WebhookNotifier("slack", url, Payloads::slack, Duration.ofSeconds(1), 6);
  }

  public static WebhookNotifier teams(URI url) {
    return new WebhookNotifier("teams", url, Payloads::teams, Duration.ofSeconds(1), 6);
  }

  public static WebhookNotifier generic(URI url) {
    return new WebhookNotifier("webhook", url, Payloads::generic, Duration.ofSeconds(1), 6);
  }

  @Override
  public void send(Notification notification) {
    Notification clean = notification.map(Scrubber::scrub);
    worker.execute(() -> deliver(clean));
  }

  private void deliver(Notification n) {
    String body;
    try {
      body = Payloads.JSON.writeValueAsString(render.apply(n));
      Retry.decorateCheckedRunnable(retry, () -> post(body)).run();
    } catch (Throwable e) {
      log.warn("{} notification '{}' not delivered: {}", name, n.title(), e.getMessage());
    }
  }

  private void post(String body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new Transient(name + " webhook unreachable: " + e.getClass().getSimpleName());
    }
    if (status == 429 || status >= 500)
      throw new Transient(name + " webhook answered HTTP " + status);
    if (status >= 300)
      throw new IllegalStateException(
          name + " webhook refused the message: HTTP " + status + " (not retried)");
  }

  /** Waits until queued messages are delivered or given up (tests, shutdown). */
  public void drain(Duration timeout) throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  /**
   * Stops taking messages and delivers what is queued within {@code grace} (a retry waiting out its
   * backoff is cut short when the grace ends); logs and returns how many were left undelivered.
   */
  @Override
  public int close(Duration grace) {
    worker.shutdown();
    try {
      if (worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int active = worker.getActiveCount(); // a message still in delivery (its retry backoff, say)
    int lost = worker.shutdownNow().size() + active;
    if (lost > 0)
      log.warn(
          "{}: {} chat message(s) not delivered within the shutdown grace {}", name, lost, grace);
    return lost;
  }

  @Override
  public String toString() {
    return name + " webhook"; // never the URL
  }

  private static final class Transient extends RuntimeException {
    Transient(String message) {
      super(message, null, false, false);
    }
  }
}
