package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pointsman.reconcile.AgentLoop;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Drift that says who, seconds after: CloudTrail attribution (the emulator records calls, naming
 * the caller by access key id) and drift found from a real SQS queue of EventBridge-shaped
 * CloudTrail events (the emulator does not route API calls to EventBridge: the test puts the events
 * there itself, in the shape EventBridge delivers).
 */
class ChangeEventsIT {
  private static final String ALICE = "AKIAALICEEXAMPLE";
  private static final Pattern LOOKUP = Pattern.compile(".*\\.LookupEvents");
  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private final SqsClient sqs = Emulator.client(SqsClient.builder());
  private LambdaClient alice;
  private ChatReceiver chat;
  private GitFixture repo;
  private String fn;

  @BeforeEach
  void setUp() throws Exception {
    chat = new ChatReceiver();
    fn = LambdaFixture.uniqueName("orders");
    lambda.createFunction(fn, 3);
    repo = new GitFixture(tmp.resolve("repo"));
    alice =
        LambdaClient.builder()
            .endpointOverride(Emulator.endpoint())
            .region(Region.of(Emulator.REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ALICE, "secret")))
            .build();
  }

  @AfterEach
  void tearDown() {
    alice.close();
    sqs.close();
    repo.close();
    chat.close();
    lambda.close();
  }

  private void commit(String drift, String queueUrl) throws Exception {
    String env = Manifests.environment("prod", Emulator.ACCOUNT, true) + "  drift: " + drift + "\n";
    if (queueUrl != null) env += "  changeEvents:\n    queueUrl: " + queueUrl + "\n";
    repo.write("prod/environment.yaml", env)
        .write("prod/orders.yaml", Manifests.alias("orders", fn, "live", "1"))
        .commit("Orders 1 in prod");
  }

  private List<JsonNode> drifts() {
    return chat.received().stream()
        .filter(j -> j.path("type").asText().startsWith("drift."))
        .toList();
  }

  private String queue() {
    return sqs.createQueue(r -> r.queueName(LambdaFixture.uniqueName("changes"))).queueUrl();
  }

  /** An "AWS API Call via CloudTrail" event as EventBridge puts it on the queue. */
  private String event(String userAgent, String version) {
    return """
        {"version": "0", "id": "%s", "detail-type": "AWS API Call via CloudTrail", "source": "aws.lambda",
         "account": "%s", "time": "%s", "region": "%s", "resources": [],
         "detail": {"eventVersion": "1.09",
           "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLE:alice",
             "arn": "arn:aws:sts::%s:assumed-role/ops-admin/alice", "accountId": "%s"},
           "eventTime": "%s", "eventSource": "lambda.amazonaws.com", "eventName": "UpdateAlias20150331",
           "awsRegion": "%s", "sourceIPAddress": "203.0.113.7", "userAgent": "%s",
           "requestParameters": {"functionName": "%s", "name": "live", "functionVersion": "%s"},
           "readOnly": false, "eventType": "AwsApiCall", "recipientAccountId": "%s"}}
        """
        .formatted(
            UUID.randomUUID(),
            Emulator.ACCOUNT,
            Instant.now(),
            Emulator.REGION,
            Emulator.ACCOUNT,
            Emulator.ACCOUNT,
            Instant.now(),
            Emulator.REGION,
            userAgent,
            fn,
            version,
            Emulator.ACCOUNT);
  }

  private void send(String queueUrl, String body) {
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
  }

  private int messagesLeft(String queueUrl) {
    Map<QueueAttributeName, String> a =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /**
   * The agent's loop running, its first commit applied and its queue poller started (within two
   * seconds of the commit going live; a message sent before its first poll is still taken at once);
   * the sweep ten minutes away.
   */
  private AgentLoop following(RunHarness agent) throws InterruptedException {
    AgentLoop loop = agent.runtime.loop(Duration.ofMillis(300), Duration.ofMinutes(10));
    start(loop);
    await().atMost(Duration.ofSeconds(15)).until(() -> chat.received().size() == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.runtime.changeQueues().map(q -> q.pollers() == 1).orElse(false));
    return loop;
  }

  private Thread start(AgentLoop loop) {
    Thread t = new Thread(loop::run, "test-loop");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void aHandChangeIsReportedNamingWhoMadeItFromCloudTrail() throws Exception {
    commit("report", null);
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      agent.runtime.agent().syncCommit();
      alice.updateAlias(r -> r.functionName(fn).name("live").functionVersion("3"));
      agent.runtime.agent().sweepDrift();

      await().atMost(Duration.ofSeconds(10)).until(() -> drifts().size() == 1);
      JsonNode drift = drifts().get(0);
      assertThat(drift.path("facts").path("Who").asText())
          .startsWith("IAM user " + ALICE + " via an SDK (Java), ");
      assertThat(drift.path("title").asText()).endsWith("(changed by IAM user " + ALICE + ")");
      assertThat(agent.runtime.drifts().open())
          .singleElement()
          .satisfies(
              o -> assertThat(o.who().orElseThrow().principal()).isEqualTo("IAM user " + ALICE));
      assertThat(agent.recorder.count(LOOKUP)).isEqualTo(1);
    }
  }

  @Test
  void deniedLookupsSayUnknownOncePerEnvironmentAndDriftIsStillReported() throws Exception {
    String other = LambdaFixture.uniqueName("payments");
    lambda.createFunction(other, 3);
    repo.write("prod/payments.yaml", Manifests.alias("payments", other, "live", "1"));
    commit("report", null);
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      agent.runtime.agent().syncCommit();
      agent.recorder.deny("CloudTrail");
      alice.updateAlias(r -> r.functionName(fn).name("live").functionVersion("3"));
      alice.updateAlias(r -> r.functionName(other).name("live").functionVersion("2"));
      agent.runtime.agent().sweepDrift();

      await().atMost(Duration.ofSeconds(10)).until(() -> drifts().size() == 2);
      List<String> who =
          drifts().stream().map(d -> d.path("facts").path("Who").asText("")).toList();
      assertThat(who.get(0))
          .startsWith("unknown (cloudtrail:LookupEvents refused: AccessDeniedException");
      assertThat(who.get(1)).as("said once per environment").isEmpty();
      assertThat(agent.recorder.count(LOOKUP)).isEqualTo(1);
    }
  }

  @Test
  void aChangeEventRevealsDriftWithinSecondsThoughTheSweepIsTenMinutesAway() throws Exception {
    String queue = queue();
    commit("report", queue);
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      AgentLoop loop = following(agent);

      alice.updateAlias(r -> r.functionName(fn).name("live").functionVersion("3"));
      Instant changed = Instant.now();
      send(queue, event("aws-cli/2.15.30 md/command#lambda.update-alias", "3"));

      await().atMost(Duration.ofSeconds(10)).until(() -> drifts().size() == 1);
      Duration took = Duration.between(changed, Instant.now());
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(drifts().get(0).path("facts").path("Who").asText())
          .startsWith("role ops-admin (session alice) via the AWS CLI, UpdateAlias20150331");
      assertThat(agent.recorder.count(LOOKUP)).as("the event said who").isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> messagesLeft(queue) == 0);
      loop.stop();
    }
  }

  @Test
  void ownCallsAndPoisonAreDeletedAndTheNextGoodEventIsStillHandled() throws Exception {
    String queue = queue();
    commit("report", queue);
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      AgentLoop loop = following(agent);

      send(queue, "this is not JSON {");
      send(queue, "{\"detail-type\": \"Scheduled Event\", \"detail\": {}}");
      send(
          queue,
          "{\"detail-type\": \"AWS API Call via CloudTrail\", \"pad\": \""
              + "x".repeat(200_000)
              + "\"}");
      // The agent's own apply, as CloudTrail records it: never drift.
      send(queue, event("aws-sdk-java/2.57.8 app/pointsman-agent", "1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> messagesLeft(queue) == 0);
      Thread.sleep(1000);
      assertThat(drifts()).isEmpty();

      alice.updateAlias(r -> r.functionName(fn).name("live").functionVersion("2"));
      send(queue, event("aws-cli/2.15.30", "2"));
      await().atMost(Duration.ofSeconds(10)).until(() -> drifts().size() == 1);
      assertThat(drifts().get(0).path("facts").path("Live").asText()).isEqualTo("2");
      loop.stop();
    }
  }

  @Test
  void aHealFromAnEventRespectsThePolicyAndTheMinimumGap() throws Exception {
    String queue = queue();
    commit("heal", queue);
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofSeconds(30))) {
      AgentLoop loop = following(agent);

      alice.updateAlias(r -> r.functionName(fn).name("live").functionVersion("3"));
      send(queue, event("aws-cli/2.15.30", "3"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lambda.alias(fn, "live").functionVersion().equals("1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> drifts().size() >= 1);
      assertThat(drifts().get(0).path("facts").path("Action").asText()).isEqualTo("healed");

      alice.updateAlias(r -> r.functionName(fn).name("live").functionVersion("2"));
      send(queue, event("aws-cli/2.15.30", "2"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  drifts().stream()
                      .anyMatch(
                          d ->
                              d.path("facts")
                                  .path("Action")
                                  .asText()
                                  .startsWith("heal deferred until")));
      assertThat(lambda.alias(fn, "live").functionVersion()).as("within the gap").isEqualTo("2");
      loop.stop();
    }
  }

  @Test
  void aQueueThatCannotBeReadIsAProblemToldOnceAndTheSweepGoesOn() throws Exception {
    URI missing = URI.create(Emulator.endpoint() + "/" + Emulator.ACCOUNT + "/no-such-queue-" + fn);
    commit("report", missing.toString().replace("localhost", "127.0.0.1"));
    try (RunHarness agent =
        new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5))) {
      AgentLoop loop = agent.runtime.loop(Duration.ofMillis(300), Duration.ofSeconds(1));
      start(loop);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  chat.received().stream()
                      .anyMatch(j -> j.path("type").asText().equals("failure.persists")));
      Thread.sleep(2000);
      assertThat(
              chat.received().stream()
                  .filter(j -> j.path("type").asText().equals("failure.persists")))
          .singleElement()
          .satisfies(j -> assertThat(j.toString()).contains("change-event queue", "no-such-queue"));

      alice.updateAlias(r -> r.functionName(fn).name("live").functionVersion("3"));
      await().atMost(Duration.ofSeconds(10)).until(() -> drifts().size() == 1);
      loop.stop();
    }
  }
}
