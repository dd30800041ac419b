package dev.pointsman.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A WireMock proxy to the emulator that SIGKILLs the agent process right after the k-th AWS write
 * has been answered: the crash points of a crash-safety test.
 */
public final class KillingProxy implements AutoCloseable {
  private static final Set<String> JSON_WRITES =
      Set.of("RegisterTaskDefinition", "UpdateService", "PutItem", "DeleteItem");
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger killAt = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicReference<Process> victim = new AtomicReference<>();
  private final WireMockServer server;

  public KillingProxy(URI target) {
    ServeEventListener killer =
        new ServeEventListener() {
          @Override
          public void afterComplete(ServeEvent event, Parameters parameters) {
            if (isWrite(event) && writes.incrementAndGet() == killAt.get()) {
              Process p = victim.get();
              if (p != null) p.destroyForcibly(); // SIGKILL on Unix
            }
          }

          @Override
          public String getName() {
            return "kill-after-write";
          }
        };
    server =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(killer));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(target.toString())));
  }

  static boolean isWrite(ServeEvent e) {
    String target = e.getRequest().getHeader("X-Amz-Target");
    if (target != null && !target.isEmpty())
      return JSON_WRITES.contains(target.substring(target.indexOf('.') + 1));
    String url = e.getRequest().getUrl();
    boolean aws = url.contains("/2015-03-31/functions") || url.contains("/restapis/");
    return aws && !e.getRequest().getMethod().value().equals("GET");
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Kill {@code process} after the {@code k}-th write from now on. */
  public void killAfterWrite(int k, Process process) {
    writes.set(0);
    killAt.set(k);
    victim.set(process);
  }

  public void disarm() {
    killAt.set(Integer.MAX_VALUE);
    victim.set(null);
  }

  public int writes() {
    return writes.get();
  }

  @Override
  public void close() {
    server.stop();
  }
}
