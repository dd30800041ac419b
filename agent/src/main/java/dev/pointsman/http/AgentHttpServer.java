package dev.pointsman.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pointsman.drift.DriftTracker;
import dev.pointsman.git.Secret;
import dev.pointsman.metrics.Metrics;
import dev.pointsman.preview.PullRequestPreviews;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStatus;
import dev.pointsman.rollout.RolloutStore;
import dev.pointsman.status.Health;
import dev.pointsman.status.StatusBoard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP face on the JDK's built-in server (six routes do not need a framework):
 * /healthz, /readyz, /metrics, /api/status, POST /hooks/github, POST /hooks/gitlab. Binds to
 * loopback unless told otherwise.
 */
public final class AgentHttpServer implements AutoCloseable {
  /**
   * The server's request threads (two kept; more while board listeners hold their streams open):
   * created here, shut down by {@link #close()}.
   */
  private final ExecutorService executor =
      new ThreadPoolExecutor(
          2,
          BoardFeed.MAX_CLIENTS + 8,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
          });

  /** The board's page may run its own script and style and talk to this server, nothing else. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'"
          + " data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final BoardFeed feed;

  private static final Logger log = LoggerFactory.getLogger(AgentHttpServer.class);
  private static final int MAX_BODY = 1024 * 1024;
  private final HttpServer server;

  /** What the server shows and whom it triggers. */
  public record Wiring(
      StatusBoard status,
      DriftTracker drifts,
      Health health,
      Metrics metrics,
      Duration readyMaxAge,
      Optional<String> branch,
      Optional<Secret> githubSecret,
      Optional<Secret> gitlabToken,
      Runnable trigger,
      RolloutStore rollouts,
      Optional<Secret> controlToken,
      RolloutEvents events,
      Optional<PullRequestPreviews> previews,
      Optional<String> repoUrl) {
    /** Without commit links on the board. */
    public Wiring(
        StatusBoard status,
        DriftTracker drifts,
        Health health,
        Metrics metrics,
        Duration readyMaxAge,
        Optional<String> branch,
        Optional<Secret> githubSecret,
        Optional<Secret> gitlabToken,
        Runnable trigger,
        RolloutStore rollouts,
        Optional<Secret> controlToken,
        RolloutEvents events,
        Optional<PullRequestPreviews> previews) {
      this(
          status,
          drifts,
          health,
          metrics,
          readyMaxAge,
          branch,
          githubSecret,
          gitlabToken,
          trigger,
          rollouts,
          controlToken,
          events,
          previews,
          Optional.empty());
    }

    /** Without pull-request previews. */
    public Wiring(
        StatusBoard status,
        DriftTracker drifts,
        Health health,
        Metrics metrics,
        Duration readyMaxAge,
        Optional<String> branch,
        Optional<Secret> githubSecret,
        Optional<Secret> gitlabToken,
        Runnable trigger,
        RolloutStore rollouts,
        Optional<Secret> controlToken,
        RolloutEvents events) {
      this(
          status,
          drifts,
          health,
          metrics,
          readyMaxAge,
          branch,
          githubSecret,
          gitlabToken,
          trigger,
          rollouts,
          controlToken,
          events,
          Optional.empty());
    }

    /** Without rollout controls (tests of the other routes). */
    public Wiring(
        StatusBoard status,
        DriftTracker drifts,
        Health health,
        Metrics metrics,
        Duration readyMaxAge,
        Optional<String> branch,
        Optional<Secret> githubSecret,
        Optional<Secret> gitlabToken,
        Runnable trigger) {
      this(
          status,
          drifts,
          health,
          metrics,
          readyMaxAge,
          branch,
          githubSecret,
          gitlabToken,
          trigger,
          null,
          Optional.empty(),
          (r, e) -> {});
    }

    List<RolloutStatus> rolloutList() {
      return rollouts == null ? List.of() : rollouts.all();
    }
  }

  public AgentHttpServer(InetSocketAddress bind, Wiring w) throws IOException {
    server = HttpServer.create(bind, 0);
    server.setExecutor(executor);
    GitHubHook github = new GitHubHook(w.githubSecret(), w.branch(), w.trigger(), w.previews());
    GitLabHook gitlab = new GitLabHook(w.gitlabToken(), w.branch(), w.trigger(), w.previews());
    route("/healthz", "GET", x -> reply(x, 200, "text/plain", "ok"));
    route(
        "/readyz",
        "GET",
        x -> {
          Optional<String> why = w.health().notReadyBecause(w.readyMaxAge());
          reply(
              x,
              why.isEmpty() ? 200 : 503,
              "text/plain",
              why.map(r -> "not ready: " + r).orElse("ready"));
        });
    route(
        "/metrics",
        "GET",
        x -> reply(x, 200, "text/plain; version=0.0.4; charset=utf-8", w.metrics().scrape()));
    route(
        "/api/status",
        "GET",
        x ->
            reply(
                x,
                200,
                "application/json",
                StatusJson.render(
                    w.status(),
                    w.drifts().open(),
                    w.rolloutList(),
                    w.health(),
                    w.health().notReadyBecause(w.readyMaxAge()))));
    feed =
        new BoardFeed(
            () ->
                BoardJson.render(
                    new BoardJson.Sources(
                        w.status(),
                        w.drifts().open(),
                        w.rolloutList(),
                        w.health(),
                        w.repoUrl(),
                        w.controlToken().isPresent())),
            () -> w.status().version() + "|" + w.health().gitError().orElse(""));
    route("/", "GET", x -> asset(x, "index.html", "text/html; charset=utf-8"));
    route("/board.js", "GET", x -> asset(x, "board.js", "text/javascript; charset=utf-8"));
    route("/board.css", "GET", x -> asset(x, "board.css", "text/css; charset=utf-8"));
    route("/api/board", "GET", x -> reply(x, 200, "application/json", feed.current()));
    route("/api/events", "GET", feed::stream);
    route("/hooks/github", "POST", x -> hook(x, github));
    route("/hooks/gitlab", "POST", x -> hook(x, gitlab));
    RolloutControls controls =
        new RolloutControls(w.rollouts(), w.controlToken(), w.trigger(), w.events());
    server.createContext(
        RolloutControls.PREFIX,
        x -> {
          try (x) {
            if (!x.getRequestMethod().equals("POST")) {
              reply(x, 405, "text/plain", "method not allowed; use POST");
              return;
            }
            RolloutControls.Response r =
                controls.handle(
                    x.getRequestURI().getPath(), x.getRequestHeaders().getFirst("Authorization"));
            reply(x, r.status(), "text/plain", r.body());
          } catch (RuntimeException e) {
            log.error("rollout control failed", e);
          }
        });
    server.start();
    log.info("HTTP on {}:{}", bind.getHostString(), port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void route(String path, String method, Handler handler) {
    server.createContext(
        path,
        x -> {
          try (x) {
            secure(x);
            if (!x.getRequestURI().getPath().equals(path)) {
              reply(x, 404, "text/plain", "not found");
            } else if (!x.getRequestMethod().equals(method)) {
              x.getResponseHeaders().add("Allow", method);
              reply(x, 405, "text/plain", "method not allowed; use " + method);
            } else {
              handler.handle(x);
            }
          } catch (RuntimeException e) {
            log.error("HTTP {} {} failed", x.getRequestMethod(), path, e);
          }
        });
  }

  private static void hook(HttpExchange x, PushHook hook) throws IOException {
    byte[] body;
    try (InputStream in = x.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      reply(x, 413, "text/plain", "payload too large");
      return;
    }
    PushHook.Response r = hook.handle(x.getRequestHeaders(), body);
    reply(x, r.status(), "text/plain", r.body());
  }

  /** A file of the board's page, from the jar, under the page's security headers. */
  private static void asset(HttpExchange x, String name, String type) throws IOException {
    try (InputStream in =
        AgentHttpServer.class.getResourceAsStream("/dev/pointsman/board/" + name)) {
      if (in == null) {
        reply(x, 404, "text/plain", "not found");
        return;
      }
      byte[] bytes = in.readAllBytes();
      x.getResponseHeaders().set("Content-Type", type);
      x.getResponseHeaders().set("Cache-Control", "no-cache");
      x.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static void reply(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void secure(HttpExchange x) {
    x.getResponseHeaders().set("Content-Security-Policy", CSP);
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    x.getResponseHeaders().set("X-Frame-Options", "DENY");
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  @Override
  public void close() {
    feed.close();
    server.stop(0);
    executor.shutdownNow();
  }
}
