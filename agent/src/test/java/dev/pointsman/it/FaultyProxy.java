package dev.pointsman.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock proxy to the emulator that answers a share of requests with a fault instead: HTTP 429
 * (throttled), HTTP 500, a slow answer, or a connection reset. Seeded, so a run can be repeated.
 */
public final class FaultyProxy implements AutoCloseable {
  private final WireMockServer server;
  private final AtomicInteger faults = new AtomicInteger();
  private final double rate;
  private volatile boolean down;

  public FaultyProxy(URI target, double rate, long seed) {
    this.rate = rate;
    Random random = new Random(seed);
    ResponseDefinitionTransformerV2 chaos =
        new ResponseDefinitionTransformerV2() {
          @Override
          public ResponseDefinition transform(ServeEvent event) {
            double roll;
            int kind;
            synchronized (random) {
              roll = random.nextDouble();
              kind = random.nextInt(4);
            }
            if (down) return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            if (roll >= FaultyProxy.this.rate) return event.getResponseDefinition();
            faults.incrementAndGet();
            return switch (kind) {
              case 0 ->
                  aResponse()
                      .withStatus(429)
                      .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
                      .build();
              case 1 ->
                  aResponse()
                      .withStatus(500)
                      .withHeader("x-amzn-ErrorType", "ServiceException")
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"__type\":\"ServiceException\",\"message\":\"internal\"}")
                      .build();
              case 2 ->
                  ResponseDefinitionBuilder.like(event.getResponseDefinition())
                      .withFixedDelay(700)
                      .build();
              default -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            };
          }

          @Override
          public String getName() {
            return "chaos";
          }
        };
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(chaos));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(target.toString())));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public int faults() {
    return faults.get();
  }

  /** Every request reset, as if AWS were unreachable. */
  public void setDown(boolean down) {
    this.down = down;
  }

  /** When each Lambda request arrived. */
  public List<Instant> lambdaRequestTimes() {
    return server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().contains("/2015-03-31/functions"))
        .map(e -> e.getRequest().getLoggedDate().toInstant())
        .sorted()
        .toList();
  }

  public int requests() {
    return server.getAllServeEvents().size();
  }

  @Override
  public void close() {
    server.stop();
  }
}
