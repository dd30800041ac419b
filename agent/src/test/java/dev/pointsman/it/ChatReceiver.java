package dev.pointsman.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on a local port standing in for Slack, Teams or any webhook receiver. */
public final class ChatReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToAnswer = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();

  public ChatReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        x -> {
          try (x;
              InputStream in = x.getRequestBody()) {
            byte[] body = in.readAllBytes();
            attempts.incrementAndGet();
            if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              x.sendResponseHeaders(503, -1);
              return;
            }
            received.add(JSON.readTree(body));
            x.sendResponseHeaders(200, 2);
            x.getResponseBody().write("ok".getBytes());
          }
        });
    server.start();
  }

  public URI url() {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/XXXX");
  }

  /** The next {@code n} deliveries are answered 503. */
  public void failNext(int n) {
    failuresToAnswer.set(n);
  }

  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  public int attempts() {
    return attempts.get();
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
