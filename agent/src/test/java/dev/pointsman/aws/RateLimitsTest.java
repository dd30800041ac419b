package dev.pointsman.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

class RateLimitsTest {
  @Test
  void operationsCountAgainstTheirPublishedFamily() {
    assertThat(Kinds.defaultQuotas().family("Lambda", "ListAliases")).isEqualTo("lambda");
    assertThat(Kinds.defaultQuotas().family("Lambda", "UpdateAlias")).isEqualTo("lambda");
    assertThat(Kinds.defaultQuotas().family("Lambda", "GetFunction"))
        .isEqualTo("lambda-getfunction");
    assertThat(Kinds.defaultQuotas().family("ApiGateway", "GetStages")).isEqualTo("apigateway");
    assertThat(Kinds.defaultQuotas().family("ECS", "RegisterTaskDefinition"))
        .isEqualTo("ecs-registertaskdefinition");
    assertThat(Kinds.defaultQuotas().family("ECS", "DescribeServices"))
        .isEqualTo("ecs-describeservices");
    assertThat(Kinds.defaultQuotas().family("SSM", "GetParameters")).isEqualTo("ssm-getparameters");
  }

  @Test
  void theAgentTakesHalfOfEachQuotaByDefaultAndOverridesWinPerAccount() {
    Quotas q = Kinds.quotas(0.5, List.of("123456789012:lambda=3"));
    assertThat(q.allowed("210987654321", "lambda")).isEqualTo(7.5);
    assertThat(q.allowed("123456789012", "lambda")).isEqualTo(3.0);
    assertThat(q.allowed("123456789012", "ecs-registertaskdefinition")).isEqualTo(0.5);
    assertThatThrownBy(() -> Kinds.quotas(0.5, List.of("lambda=3")))
        .hasMessageContaining("<12-digit account>:<family>");
    assertThatThrownBy(() -> new Quotas(1.5, java.util.Map.of(), java.util.Map.of()))
        .hasMessageContaining("(0, 1]");
  }

  @Test
  void ratesBecomeSmallBurstsOverShortPeriodsAtExactlyTheAllowedAverage() {
    RateLimiterConfig lambda = RateLimits.config(7.5, Duration.ZERO);
    assertThat(lambda.getLimitForPeriod()).isEqualTo(3);
    assertThat(lambda.getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(400));
    RateLimiterConfig getFunction = RateLimits.config(50, Duration.ZERO);
    assertThat(getFunction.getLimitForPeriod()).isEqualTo(3);
    assertThat(getFunction.getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(60));
    RateLimiterConfig stages = RateLimits.config(1.5, Duration.ZERO);
    assertThat(stages.getLimitForPeriod()).isEqualTo(1);
    assertThat(stages.getLimitRefreshPeriod()).isEqualTo(Duration.ofNanos(666_666_667));
    RateLimiterConfig register = RateLimits.config(0.5, Duration.ZERO);
    assertThat(register.getLimitForPeriod()).isEqualTo(1);
    assertThat(register.getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void callsBeyondTheBudgetNeverLeaveTheProcess() {
    WireMockServer aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    aws.start();
    aws.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"Aliases\":[]}")));
    // 0.2 requests/s: one permit per 5 s, and no waiting for the next one.
    RateLimits limits =
        new RateLimits(Kinds.quotas(1.0, List.of("123456789012:lambda=0.2")), Duration.ZERO);
    Environment env =
        new Environment(
            "prod",
            "us-east-1",
            "123456789012",
            Optional.empty(),
            DriftPolicy.REPORT,
            false,
            new Source("e", 1));
    try (AwsClients clients =
        new AwsClients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
            Optional.of(URI.create(aws.baseUrl())),
            List.of(),
            Optional.of(limits))) {
      clients.lambda(env).listAliases(r -> r.functionName("orders"));
      assertThatThrownBy(() -> clients.lambda(env).listAliases(r -> r.functionName("orders")))
          .isInstanceOf(SdkClientException.class)
          .hasMessageContaining("client-side rate limit for lambda");
      aws.verify(1, getRequestedFor(anyUrl()));
    } finally {
      aws.stop();
    }
  }

  /** One permit per second, no waiting: what a call gets is decided by the lanes alone. */
  private static RateLimits onePerSecond() {
    return new RateLimits(Kinds.quotas(1.0, List.of("123456789012:lambda=1")), Duration.ZERO);
  }

  private static boolean inBackground(RateLimits limits) {
    try (CallLane.Background lane = CallLane.background(() -> false)) {
      return limits.acquire("123456789012", "us-east-1", "lambda");
    }
  }

  @Test
  void aPushBorrowsTheBudgetTheSweepJustSpentAndTheSweepRepaysIt() throws Exception {
    RateLimits limits = onePerSecond();
    assertThat(inBackground(limits)).as("the sweep takes the period's permit").isTrue();
    assertThat(limits.acquire("123456789012", "us-east-1", "lambda"))
        .as("a push does not wait for the next period")
        .isTrue();
    assertThat(limits.acquire("123456789012", "us-east-1", "lambda"))
        .as("at most one period's permits are borrowed")
        .isFalse();
    assertThat(inBackground(limits)).as("no permit left for the sweep").isFalse();
    Thread.sleep(1100);
    assertThat(inBackground(limits))
        .as("the next period's permit repays the borrowed one, not the sweep's call")
        .isFalse();
    Thread.sleep(1100);
    assertThat(inBackground(limits)).as("debt repaid, the sweep goes on").isTrue();
  }

  @Test
  void aPushNeverBorrowsFromItself() {
    RateLimits limits = onePerSecond();
    assertThat(limits.acquire("123456789012", "us-east-1", "lambda")).isTrue();
    assertThat(limits.acquire("123456789012", "us-east-1", "lambda")).isFalse();
  }

  @Test
  void backgroundCallsStopOnceAPushWaitsUntilToldNotTo() {
    RateLimits limits = onePerSecond();
    boolean[] push = {true};
    try (CallLane.Background lane = CallLane.background(() -> push[0])) {
      assertThatThrownBy(() -> limits.acquire("123456789012", "us-east-1", "lambda"))
          .isInstanceOf(RateLimits.Yielded.class);
      assertThat(lane.yielded()).isTrue();
      lane.stopYielding();
      assertThat(limits.acquire("123456789012", "us-east-1", "lambda")).isTrue();
    }
    // Outside the lane again: a foreground call, which does not give way.
    assertThat(CallLane.current()).isEmpty();
  }

  @Test
  void aReaderThreadCarriesTheLaneOfThePassThatStartedIt() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (CallLane.Background lane = CallLane.background(() -> true)) {
      var carried = pool.submit(CallLane.carried(() -> CallLane.current().isPresent())).get();
      assertThat(carried).isTrue();
    }
    assertThat(pool.submit(() -> CallLane.current().isPresent()).get()).isFalse();
    pool.shutdownNow();
  }
}
