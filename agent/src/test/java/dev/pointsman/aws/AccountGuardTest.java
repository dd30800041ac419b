package dev.pointsman.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** STS is asked once per environment per period, and never trusted on a mismatch or failure. */
class AccountGuardTest {
  private final WireMockServer sts =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private AwsClients clients;
  private Instant now = Instant.parse("2026-11-25T10:00:00Z");
  private AccountGuard guard;

  @BeforeEach
  void start() {
    sts.start();
    clients =
        new AwsClients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
            Optional.of(URI.create(sts.baseUrl())));
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    guard =
        new AccountGuard(
            clients,
            new AwsCalls(new AwsCalls.RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))),
            clock);
  }

  @AfterEach
  void stop() {
    clients.close();
    sts.stop();
  }

  private void callerIs(String account) {
    sts.stubFor(
        post(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<GetCallerIdentityResult><Arn>arn:aws:iam::"
                            + account
                            + ":user/ci</Arn><UserId>AIDA</UserId><Account>"
                            + account
                            + "</Account></GetCallerIdentityResult>"
                            + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                            + "</GetCallerIdentityResponse>")));
  }

  private static Environment env(String account) {
    return env("prod", account);
  }

  private static Environment env(String name, String account) {
    return new Environment(
        name,
        "us-east-1",
        account,
        Optional.empty(),
        DriftPolicy.REPORT,
        false,
        new Source("prod/environment.yaml", 1));
  }

  @Test
  void aConfirmedAccountIsRememberedForAWhile() {
    callerIs("123456789012");
    for (int i = 0; i < 5; i++) assertThat(guard.check(env("123456789012"))).isEmpty();
    sts.verify(1, postRequestedFor(anyUrl()));

    now = now.plus(AccountGuard.CONFIRMED_FOR).plusSeconds(1);
    assertThat(guard.check(env("123456789012"))).isEmpty();
    sts.verify(2, postRequestedFor(anyUrl()));
  }

  @Test
  void aMismatchIsAskedAgainEveryTimeAndNeverRemembered() {
    callerIs("210987654321");
    assertThat(guard.check(env("123456789012"))).get().asString().contains("210987654321");
    assertThat(guard.check(env("123456789012"))).isPresent();
    sts.verify(2, postRequestedFor(anyUrl()));
  }

  @Test
  void anotherAccountInTheManifestIsCheckedAfresh() {
    callerIs("123456789012");
    assertThat(guard.check(env("123456789012"))).isEmpty();
    assertThat(guard.check(env("111111111111"))).isPresent();
    sts.verify(2, postRequestedFor(anyUrl()));
  }

  @Test
  void environmentsThatShareCredentialsAreConfirmedByOneCall() {
    callerIs("123456789012");
    assertThat(guard.check(env("dev", "123456789012"))).isEmpty();
    assertThat(guard.check(env("staging", "123456789012"))).isEmpty();
    assertThat(guard.check(env("prod", "123456789012"))).isEmpty();
    sts.verify(1, postRequestedFor(anyUrl()));
  }
}
