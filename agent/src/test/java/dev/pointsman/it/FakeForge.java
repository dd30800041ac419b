package dev.pointsman.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few GitHub and GitLab REST endpoints previews use, on a local port: comments (list, create,
 * edit), commit statuses. Records every request (method, path, auth headers, body) for tests to
 * assert on; can answer 503 for a while (a forge that is down) or rate-limit the next request.
 */
public final class FakeForge implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Request(
      String method, String path, String authorization, String privateToken, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<Long, String> comments = new LinkedHashMap<>();
  private final List<JsonNode> statuses = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger(100);
  private volatile boolean down;
  private volatile int rateLimitNext;

  public FakeForge() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void down(boolean down) {
    this.down = down;
  }

  /** The next {@code n} requests get 403 with X-RateLimit-Remaining: 0 and a reset 1 s away. */
  public void rateLimitNext(int n) {
    rateLimitNext = n;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized Map<Long, String> comments() {
    return new LinkedHashMap<>(comments);
  }

  public List<JsonNode> statuses() {
    return List.copyOf(statuses);
  }

  private static final Pattern GH_LIST =
      Pattern.compile("(?:/api/v3)?/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern GH_EDIT =
      Pattern.compile("(?:/api/v3)?/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
  private static final Pattern GH_STATUS =
      Pattern.compile("(?:/api/v3)?/repos/([^/]+/[^/]+)/statuses/([0-9a-f]+)");
  private static final Pattern GL_NOTES =
      Pattern.compile("(?:/api/v4)?/projects/([^/]+)/merge_requests/(\\d+)/notes");
  private static final Pattern GL_EDIT =
      Pattern.compile("(?:/api/v4)?/projects/([^/]+)/merge_requests/(\\d+)/notes/(\\d+)");
  private static final Pattern GL_STATUS =
      Pattern.compile("(?:/api/v4)?/projects/([^/]+)/statuses/([0-9a-f]+)");

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = x.getRequestURI().getPath();
    requests.add(
        new Request(
            x.getRequestMethod(),
            path,
            x.getRequestHeaders().getFirst("Authorization"),
            x.getRequestHeaders().getFirst("PRIVATE-TOKEN"),
            body));
    if (down) {
      reply(x, 503, "{\"message\":\"down\"}");
      return;
    }
    if (rateLimitNext > 0) {
      rateLimitNext--;
      x.getResponseHeaders().add("X-RateLimit-Remaining", "0");
      x.getResponseHeaders()
          .add("X-RateLimit-Reset", String.valueOf(System.currentTimeMillis() / 1000 + 1));
      reply(x, 403, "{\"message\":\"API rate limit exceeded\"}");
      return;
    }
    String m = x.getRequestMethod();
    Matcher mm;
    if ((mm = GH_EDIT.matcher(path)).matches() && m.equals("PATCH")
        || (mm = GL_EDIT.matcher(path)).matches() && m.equals("PUT")) {
      long id = Long.parseLong(mm.group(mm.groupCount()));
      synchronized (this) {
        comments.put(id, JSON.readTree(body).path("body").asText());
      }
      reply(x, 200, "{\"id\":" + id + "}");
    } else if ((mm = GH_LIST.matcher(path)).matches() || (mm = GL_NOTES.matcher(path)).matches()) {
      if (m.equals("GET")) {
        ArrayNode list = JSON.createArrayNode();
        synchronized (this) {
          comments.forEach((id, text) -> list.addObject().put("id", id).put("body", text));
        }
        reply(x, 200, list.toString());
      } else {
        long id = ids.incrementAndGet();
        synchronized (this) {
          comments.put(id, JSON.readTree(body).path("body").asText());
        }
        reply(x, 201, "{\"id\":" + id + "}");
      }
    } else if (GH_STATUS.matcher(path).matches() || GL_STATUS.matcher(path).matches()) {
      statuses.add(JSON.readTree(body));
      reply(x, 201, "{}");
    } else {
      reply(x, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  public List<String> commentBodies() {
    return new ArrayList<>(comments().values());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
