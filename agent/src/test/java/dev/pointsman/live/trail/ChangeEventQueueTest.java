package dev.pointsman.live.trail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the poller takes from a message body, and what it drops as poison. */
class ChangeEventQueueTest {
  private final ChangeEventQueue queue =
      new ChangeEventQueue(
          null,
          null,
          new Environment(
              "prod",
              "eu-west-1",
              "123456789012",
              Optional.empty(),
              DriftPolicy.REPORT,
              true,
              new Source("prod/environment.yaml", 1),
              Optional.of("https://sqs.eu-west-1.amazonaws.com/123456789012/pointsman-changes")),
          (url, events) -> CompletableFuture.completedFuture(0),
          (url, error) -> {},
          () -> true,
          Duration.ofSeconds(20));

  @Test
  void anEventBridgeCloudTrailEventIsAChangeEvent() {
    String body =
        """
        {"detail-type": "AWS API Call via CloudTrail", "source": "aws.lambda",
         "detail": {"eventSource": "lambda.amazonaws.com", "eventName": "UpdateAlias20150331",
           "eventTime": "2026-11-30T09:00:00Z", "awsRegion": "eu-west-1", "recipientAccountId": "123456789012",
           "userIdentity": {"type": "IAMUser", "userName": "carol"}, "userAgent": "aws-cli/2.15.0",
           "requestParameters": {"functionName": "ProcessOrder", "name": "prod"}, "readOnly": false}}
        """;
    assertThat(queue.parse(body))
        .hasValueSatisfying(
            e -> {
              assertThat(e.eventName()).isEqualTo("UpdateAlias20150331");
              assertThat(e.who().principal()).isEqualTo("IAM user carol");
            });
  }

  @Test
  void poisonIsDroppedWhateverItsShape() {
    assertThat(queue.parse("not json {")).isEmpty();
    assertThat(queue.parse("[]")).isEmpty();
    assertThat(queue.parse("{\"detail-type\": \"Scheduled Event\"}")).isEmpty();
    assertThat(queue.parse("{\"detail-type\": \"AWS API Call via CloudTrail\", \"detail\": 7}"))
        .isEmpty();
    assertThat(queue.parse("\"" + "x".repeat(300 * 1024) + "\"")).as("over 256 KiB").isEmpty();
    assertThat(queue.parse(null)).isEmpty();
  }
}
