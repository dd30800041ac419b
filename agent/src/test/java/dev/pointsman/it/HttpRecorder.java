package dev.pointsman.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A WireMock proxy between the agent and the emulator, so tests count AWS calls at the HTTP level,
 * independently of anything the agent logs about itself.
 */
public final class HttpRecorder implements AutoCloseable {
  private final WireMockServer delegate;
  private final URI target;

  public HttpRecorder(URI target) {
    this.target = target;
    delegate = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    delegate.start();
    delay(0);
  }

  /** Answers every request {@code millis} late from now on: a slow, far-away AWS. */
  public void delay(int millis) {
    delegate.resetMappings();
    delegate.stubFor(
        any(anyUrl())
            .willReturn(aResponse().proxiedFrom(target.toString()).withFixedDelay(millis)));
  }

  /**
   * Refuses every JSON-protocol request whose X-Amz-Target contains {@code target} with AWS's
   * AccessDeniedException, as a policy without that action would.
   */
  public void deny(String target) {
    delegate.stubFor(
        any(anyUrl())
            .atPriority(1)
            .withHeader("X-Amz-Target", containing(target))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to"
                            + " perform this action\"}")));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + delegate.port());
  }

  /** Requests seen so far, as "METHOD path". */
  public List<String> requests() {
    return delegate.getAllServeEvents().stream().map(HttpRecorder::line).toList();
  }

  /** Lambda requests that change something: every method but GET on the Lambda API. */
  public List<String> lambdaWrites() {
    return requests().stream()
        .filter(r -> !r.startsWith("GET ") && r.contains("/2015-03-31/functions"))
        .toList();
  }

  public void reset() {
    delegate.resetRequests();
  }

  /**
   * Operations of JSON-protocol services (ECS, SSM, Secrets Manager) by their X-Amz-Target, e.g.
   * "RegisterTaskDefinition"; REST-protocol calls (Lambda, API Gateway) as "METHOD path".
   */
  public List<String> operations() {
    return delegate.getAllServeEvents().stream().map(HttpRecorder::operation).toList();
  }

  public long count(String operation) {
    return operations().stream().filter(operation::equals).count();
  }

  /** Calls whose operation (as {@link #operations()} names it) matches {@code pattern} whole. */
  public long count(Pattern pattern) {
    return operations().stream().filter(o -> pattern.matcher(o).matches()).count();
  }

  private static String operation(ServeEvent e) {
    String target = e.getRequest().getHeader("X-Amz-Target");
    if (target != null && !target.isEmpty()) return target.substring(target.indexOf('.') + 1);
    return line(e);
  }

  private static String line(ServeEvent e) {
    return e.getRequest().getMethod().value() + " " + e.getRequest().getUrl();
  }

  @Override
  public void close() {
    delegate.stop();
  }
}
