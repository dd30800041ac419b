package dev.pointsman.live.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.CloudTrailRecords;
import dev.pointsman.model.ChangeEvent;
import dev.pointsman.model.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Long-polls one SQS queue that an EventBridge rule fills with "AWS API Call via CloudTrail"
 * events, and hands each batch to the agent's loop; messages are deleted only after the loop has
 * handled them. A message that is not such an event (not JSON, another shape, over 256 KiB) is
 * logged once per kind of problem and deleted; it never stops the poller. A queue that cannot be
 * read is reported (once, as a problem) and retried with backoff; the timer sweep goes on as the
 * safety net. Runs on its own thread until {@link #stop()}.
 */
public final class ChangeEventQueue implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ChangeEventQueue.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_BYTES = 256 * 1024;
  static final String DETAIL_TYPE = "AWS API Call via CloudTrail";

  /** Longer than the loop may take to get to a batch; a message not deleted by then reappears. */
  private static final Duration VISIBILITY = Duration.ofMinutes(5);

  /** Where a batch goes: completes once handled. */
  @FunctionalInterface
  public interface Handler {
    CompletableFuture<Integer> handle(String queueUrl, List<ChangeEvent> events);
  }

  /** Told whether the queue could be read (empty) or why not. */
  @FunctionalInterface
  public interface Reachability {
    void report(String queueUrl, Optional<String> error);
  }

  private final AwsClients clients;
  private final AwsCalls calls;
  private final Environment env;
  private final String queueUrl;
  private final Handler handler;
  private final Reachability reachability;
  private final BooleanSupplier active;
  private final Duration wait;
  private final Set<String> told = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  public ChangeEventQueue(
      AwsClients clients,
      AwsCalls calls,
      Environment env,
      Handler handler,
      Reachability reachability,
      BooleanSupplier active,
      Duration wait) {
    this.clients = clients;
    this.calls = calls;
    this.env = env;
    this.queueUrl = env.changeEventsQueue().orElseThrow();
    this.handler = handler;
    this.reachability = reachability;
    this.active = active;
    this.wait = wait;
  }

  public String queueUrl() {
    return queueUrl;
  }

  @Override
  public void run() {
    long backoff = 1000;
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      if (!active.getAsBoolean()) {
        sleep(1000);
        continue;
      }
      try {
        poll();
        reachability.report(queueUrl, Optional.empty());
        backoff = 1000;
      } catch (SdkException e) {
        if (stopped) return;
        reachability.report(queueUrl, Optional.of("cannot read: " + summary(e)));
        sleep(backoff);
        backoff = Math.min(backoff * 2, 60_000);
      }
    }
  }

  public void stop() {
    stopped = true;
  }

  /** One long poll: receive, parse, hand over, delete what was handled or is poison. */
  void poll() {
    SqsClient sqs = clients.sqs(env);
    long started = System.nanoTime();
    List<Message> messages =
        calls
            .call(
                () ->
                    sqs.receiveMessage(
                        r ->
                            r.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds((int) wait.toSeconds())
                                .visibilityTimeout((int) VISIBILITY.toSeconds())))
            .messages();
    if (messages.isEmpty()) {
      // A queue (or emulator) that answers at once instead of long-polling must not make a spin.
      if (System.nanoTime() - started < wait.toNanos() / 2) sleep(500);
      return;
    }
    List<ChangeEvent> events = new ArrayList<>();
    List<Message> done = new ArrayList<>();
    List<Message> handled = new ArrayList<>();
    for (Message m : messages) {
      Optional<ChangeEvent> e = parse(m.body());
      if (e.isPresent()) {
        events.add(e.get());
        handled.add(m);
      } else {
        done.add(m); // poison: deleted so it never blocks the queue
      }
    }
    if (!events.isEmpty()) {
      try {
        handler.handle(queueUrl, events).get(VISIBILITY.toSeconds() - 30, TimeUnit.SECONDS);
        done.addAll(handled);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Not handled (a standby now, stopping, or too busy): left to reappear and be tried again.
        log.debug("change events from {} not handled now: {}", queueUrl, e.toString());
      }
    }
    delete(sqs, done);
  }

  private void delete(SqsClient sqs, List<Message> messages) {
    if (messages.isEmpty()) return;
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .build());
    }
    calls.call(() -> sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)));
  }

  /** The CloudTrail event inside an EventBridge event, or empty (and told once why not). */
  Optional<ChangeEvent> parse(String body) {
    if (body == null || body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES)
      return poison("a message over 256 KiB");
    JsonNode event;
    try {
      event = JSON.readTree(body);
    } catch (IOException e) {
      return poison("a message that is not JSON");
    }
    if (event == null || !DETAIL_TYPE.equals(event.path("detail-type").asText())) {
      return poison("a message that is not an EventBridge \"" + DETAIL_TYPE + "\" event");
    }
    Optional<ChangeEvent> parsed = CloudTrailRecords.parse(event.path("detail"), Set.of());
    return parsed.isPresent() ? parsed : poison("an event whose detail is not a CloudTrail record");
  }

  private Optional<ChangeEvent> poison(String what) {
    if (told.add(what))
      log.warn(
          "change-event queue {}: dropped {} (deleted; said once per kind of message)",
          queueUrl,
          what);
    return Optional.empty();
  }

  private static String summary(SdkException e) {
    String m = String.valueOf(e.getMessage());
    int cut = m.indexOf(" (Service:");
    return cut > 0 ? m.substring(0, cut) : m;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
