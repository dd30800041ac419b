package dev.pointsman.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * An AWS endpoint on the loopback interface that answers from a script: each request is matched, as
 * {@code "METHOD /path?query"} (and {@code " target"}, the {@code X-Amz-Target} header of the JSON
 * RPC protocols), against the answers in order; the first that matches answers. A request no answer
 * matches gets a 400 with an error AWS would not send, and is kept in {@link #unanswered()}, so
 * that a script which no longer fits the calls a kind makes shows. AWS is never called.
 */
public final class ScriptedLoopback implements AutoCloseable {
  /** An answer: the requests it serves (a regular expression, matched whole) and its JSON body. */
  public record Answer(Pattern request, String body) {
    public static Answer of(String request, String body) {
      return new Answer(Pattern.compile(request), body);
    }
  }

  private final HttpServer server;
  private final List<Answer> answers;
  private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());

  private ScriptedLoopback(HttpServer server, List<Answer> answers) {
    this.server = server;
    this.answers = List.copyOf(answers);
  }

  /** A server on a free loopback port, answering from {@code answers}. */
  public static ScriptedLoopback start(List<Answer> answers) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ScriptedLoopback loopback = new ScriptedLoopback(server, answers);
    server.createContext("/", loopback::answer);
    server.start();
    return loopback;
  }

  /** Where to send calls: {@code http://127.0.0.1:port}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The requests no answer matched, as matched. */
  public List<String> unanswered() {
    synchronized (unanswered) {
      return List.copyOf(unanswered);
    }
  }

  /** Straight to a loopback server, whatever proxy the environment names for AWS. */
  static ProxyConfiguration noProxy() {
    return ProxyConfiguration.builder()
        .useSystemPropertyValues(false)
        .useEnvironmentVariableValues(false)
        .build();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    String request = request(exchange);
    String body = null;
    for (Answer a : answers) {
      if (a.request().matcher(request).matches()) {
        body = a.body();
        break;
      }
    }
    int status = 200;
    if (body == null) {
      unanswered.add(request);
      status = 400;
      body = "{\"__type\":\"NotScripted\",\"message\":\"no scripted answer\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String request(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    StringBuilder s = new StringBuilder(exchange.getRequestMethod()).append(' ');
    s.append(uri.getRawPath());
    if (uri.getRawQuery() != null) s.append('?').append(uri.getRawQuery());
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) s.append(' ').append(target);
    return s.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
