package dev.pointsman.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pointsman.it.ChatReceiver;
import dev.pointsman.secrets.Scrubber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each notifier POSTs its documented payload to a real local HTTP receiver. */
class NotifierTest {
  private final ChatReceiver receiver = newReceiver();

  private static ChatReceiver newReceiver() {
    try {
      return new ChatReceiver();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final Notification DRIFT =
      new Notification(
          Notification.Type.DRIFT_APPEARED,
          "Drift: prod LambdaAlias orders/live version is 3 live, 1 in Git",
          List.of(
              new Notification.Fact("Environment", "prod"),
              new Notification.Fact("Resource", "LambdaAlias orders/live"),
              new Notification.Fact("Field", "version"),
              new Notification.Fact("Git", "1"),
              new Notification.Fact("Live", "3"),
              new Notification.Fact("Action", "reported only (drift: report)")),
          Optional.of(
              new Notification.CommitRef(
                  "0123456789abcdef0123",
                  "Promote orders password=hunter2",
                  "Alice",
                  CommitLinks.of("https://github.com/acme/releases.git", "0123456789abcdef0123"))),
          Instant.parse("2026-11-25T10:00:00Z"));

  @AfterEach
  void stop() {
    receiver.close();
  }

  private JsonNode deliver(WebhookNotifier notifier) {
    notifier.send(DRIFT);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    notifier.close();
    return receiver.received().get(0);
  }

  @Test
  void slackGetsBlockKitWithEnvironmentResourceFieldValuesCommitLinkAndAction() {
    JsonNode body = deliver(WebhookNotifier.slack(receiver.url()));
    assertThat(body.path("text").asText()).startsWith("Drift: prod LambdaAlias orders/live");
    assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(body.path("blocks").get(1).path("fields").toString())
        .contains("*Environment*\\nprod", "*Git*\\n1", "*Live*\\n3", "*Action*\\nreported only");
    assertThat(body.path("blocks").get(2).toString())
        .contains("<https://github.com/acme/releases/commit/0123456789abcdef0123|0123456789ab>");
  }

  @Test
  void teamsGetsAnAdaptiveCardWithFactsAndACommitAction() {
    JsonNode body = deliver(WebhookNotifier.teams(receiver.url()));
    JsonNode card = body.path("attachments").get(0);
    assertThat(card.path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("content").path("body").get(1).path("facts").toString())
        .contains("\"title\":\"Live\",\"value\":\"3\"");
    assertThat(card.path("content").path("actions").get(0).path("url").asText())
        .isEqualTo("https://github.com/acme/releases/commit/0123456789abcdef0123");
  }

  private static final Notification HOSTILE =
      new Notification(
          Notification.Type.PROMOTION,
          "Promoted <!channel> & more",
          List.of(
              new Notification.Fact("Resource", "LambdaAlias <https://evil.example|release notes>"),
              new Notification.Fact("Live", "[release notes](https://evil.example) **now**")),
          Optional.of(
              new Notification.CommitRef(
                  "0123456789abcdef0123", "<!channel> hotfix", "Mallory <m@x>", Optional.empty())),
          Instant.parse("2026-11-25T10:00:00Z"));

  private JsonNode deliverHostile(WebhookNotifier notifier) {
    notifier.send(HOSTILE);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    notifier.close();
    return receiver.received().get(0);
  }

  @Test
  void slackGetsTextFromGitAndAwsAsLiteralText() {
    JsonNode body = deliverHostile(WebhookNotifier.slack(receiver.url()));
    // The header is plain_text: Slack shows it as it is and parses no mention or link in it.
    assertThat(body.path("blocks").get(0).path("text").path("type").asText())
        .isEqualTo("plain_text");
    String mrkdwn = body.path("blocks").get(1).toString() + body.path("blocks").get(2);
    assertThat(mrkdwn).doesNotContain("<!channel>").doesNotContain("<https://evil.example|");
    assertThat(body.path("text").asText()).isEqualTo("Promoted &lt;!channel&gt; &amp; more");
    assertThat(body.path("blocks").get(1).path("fields").get(0).path("text").asText())
        .isEqualTo("*Resource*\nLambdaAlias &lt;https://evil.example|release notes&gt;");
    assertThat(body.path("blocks").get(1).path("fields").get(0).path("verbatim").asBoolean())
        .isTrue();
    assertThat(body.path("blocks").get(2).toString()).contains("&lt;!channel&gt; hotfix");
  }

  @Test
  void teamsGetsTextFromGitAndAwsAsLiteralText() {
    JsonNode body = deliverHostile(WebhookNotifier.teams(receiver.url()));
    JsonNode facts =
        body.path("attachments").get(0).path("content").path("body").get(1).path("facts");
    assertThat(facts.get(1).path("value").asText())
        .isEqualTo("\\[release notes\\]\\(https://evil.example\\) \\*\\*now\\*\\*");
  }

  @Test
  void closingDeliversWhatIsQueuedWithinTheGrace() {
    WebhookNotifier notifier = WebhookNotifier.generic(receiver.url());
    for (int i = 0; i < 5; i++) notifier.send(DRIFT);
    int lost = notifier.close(Duration.ofSeconds(10));
    assertThat(lost).isZero();
    assertThat(receiver.received()).hasSize(5);
  }

  @Test
  void closingGivesUpWhenTheGraceEndsAndSaysHowManyWereLost() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    WebhookNotifier notifier =
        new WebhookNotifier(
            "down",
            java.net.URI.create("http://127.0.0.1:" + port + "/"),
            Payloads::generic,
            Duration.ofSeconds(30),
            5);
    for (int i = 0; i < 3; i++) notifier.send(DRIFT);
    long start = System.nanoTime();
    int lost = notifier.close(Duration.ofMillis(300));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(lost).isEqualTo(3);
  }

  @Test
  void theGenericWebhookGetsTheDocumentedSchema() {
    JsonNode body = deliver(WebhookNotifier.generic(receiver.url()));
    assertThat(body.path("schema").asText()).isEqualTo("pointsman.dev/notification/v1");
    assertThat(body.path("type").asText()).isEqualTo("drift.appeared");
    assertThat(body.path("facts").path("Environment").asText()).isEqualTo("prod");
    assertThat(body.path("commit").path("sha").asText()).isEqualTo("0123456789abcdef0123");
    assertThat(body.path("time").asText()).isEqualTo("2026-11-25T10:00:00Z");
  }

  @Test
  void nothingThatLooksLikeASecretIsSent() {
    JsonNode body = deliver(WebhookNotifier.generic(receiver.url()));
    assertThat(body.toString()).doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void aFailedDeliveryIsRetriedWithBackoffWithoutBlockingTheSender() {
    receiver.failNext(2);
    WebhookNotifier notifier =
        new WebhookNotifier("test", receiver.url(), Payloads::generic, Duration.ofMillis(50), 5);
    long start = System.nanoTime();
    notifier.send(DRIFT);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("send only enqueues")
        .isLessThan(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    assertThat(receiver.attempts()).isEqualTo(3);
    notifier.close();
  }

  @Test
  void commitLinksAreDerivedForKnownHostsOnly() {
    assertThat(CommitLinks.of("git@gitlab.com:acme/releases.git", "abc"))
        .hasValue("https://gitlab.com/acme/releases/-/commit/abc");
    assertThat(CommitLinks.of("https://x-access-token:t@github.com/acme/r", "abc"))
        .hasValue("https://github.com/acme/r/commit/abc");
    assertThat(CommitLinks.of("/srv/git/releases", "abc")).isEmpty();
  }

  @Test
  void theScrubberRemovesTokensKeysAndCredentialsInUrls() {
    assertThat(
            Scrubber.scrub(
                "key AKIAABCDEFGHIJKLMNOP token: abc https://u:p@host/x Bearer eyJhbGciOi ghp_abcdefghijklmnopqrstuvwxyz"))
        .doesNotContain(
            "AKIAABCDEFGHIJKLMNOP",
            "abc https",
            "u:p@",
            "eyJhbGciOi",
            "ghp_abcdefghijklmnopqrstuvwxyz");
  }
}
