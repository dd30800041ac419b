package dev.pointsman.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.git.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * JSON over HTTP to a forge's REST API: the token in a header (never in a URL or a log), 5xx and
 * I/O errors retried with backoff, and rate limits honoured ({@code Retry-After}, or {@code
 * X-RateLimit-Remaining: 0} with {@code X-RateLimit-Reset} / {@code RateLimit-Reset}) as long as
 * the wait stays under {@link #MAX_WAIT}; longer waits fail the call, and the preview is retried
 * later.
 */
final class ForgeHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration MAX_WAIT = Duration.ofSeconds(60);
  static final int ATTEMPTS = 4;

  /** Sleeps (tests pass one that records instead). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String authHeader;
  private final Secret token;
  private final String authPrefix;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration firstBackoff;

  ForgeHttp(
      URI base,
      String authHeader,
      String authPrefix,
      Secret token,
      Clock clock,
      Sleeper sleeper,
      Duration firstBackoff) {
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.authHeader = authHeader;
    this.authPrefix = authPrefix;
    this.token = token;
    this.clock = clock;
    this.sleeper = sleeper;
    this.firstBackoff = firstBackoff;
  }

  JsonNode send(String method, String path, Optional<JsonNode> body) throws ForgeException {
    URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
    Duration backoff = firstBackoff;
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      HttpRequest.Builder req =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(20))
              .header(authHeader, authPrefix + token.reveal())
              .header("Accept", "application/json")
              .header("User-Agent", "pointsman");
      if (body.isPresent()) {
        req.header("Content-Type", "application/json");
        req.method(method, HttpRequest.BodyPublishers.ofString(body.get().toString()));
      } else {
        req.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response;
      try {
        response = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = method + " " + path + ": " + e.getClass().getSimpleName();
        pause(backoff);
        backoff = backoff.multipliedBy(2);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ForgeException("interrupted");
      }
      int status = response.statusCode();
      Optional<Duration> limited = rateLimited(response);
      if (limited.isPresent()) {
        if (limited.get().compareTo(MAX_WAIT) > 0)
          throw new ForgeException(
              "rate-limited by the forge for " + limited.get().toSeconds() + " s; retried later");
        pause(limited.get());
        continue;
      }
      if (status >= 500) {
        last = method + " " + path + ": HTTP " + status;
        pause(backoff);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      if (status >= 300)
        throw new ForgeException(
            method + " " + path + " refused: HTTP " + status + " " + brief(response.body()));
      try {
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      } catch (IOException e) {
        throw new ForgeException(method + " " + path + ": the answer is not JSON");
      }
    }
    throw new ForgeException("forge unavailable after " + ATTEMPTS + " attempts: " + last);
  }

  /** How long the forge asks us to wait, when the answer is a rate-limit refusal. */
  private Optional<Duration> rateLimited(HttpResponse<String> r) {
    int status = r.statusCode();
    if (status != 429 && status != 403) return Optional.empty();
    Optional<String> retryAfter = r.headers().firstValue("Retry-After");
    if (retryAfter.isPresent()) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.get().trim())));
      } catch (NumberFormatException e) {
        return Optional.of(MAX_WAIT);
      }
    }
    boolean exhausted =
        r.headers()
            .firstValue("X-RateLimit-Remaining")
            .or(() -> r.headers().firstValue("RateLimit-Remaining"))
            .map(v -> v.trim().equals("0"))
            .orElse(status == 429);
    if (!exhausted) return Optional.empty();
    Optional<String> reset =
        r.headers()
            .firstValue("X-RateLimit-Reset")
            .or(() -> r.headers().firstValue("RateLimit-Reset"));
    if (reset.isEmpty()) return Optional.of(Duration.ofSeconds(1));
    try {
      long epoch = Long.parseLong(reset.get().trim());
      Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(epoch));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait.plusSeconds(1));
    } catch (NumberFormatException e) {
      return Optional.of(MAX_WAIT);
    }
  }

  private void pause(Duration d) throws ForgeException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForgeException("interrupted");
    }
  }

  private static String brief(String body) {
    String b = body == null ? "" : body.replaceAll("\\s+", " ");
    return b.length() > 200 ? b.substring(0, 200) + "…" : b;
  }
}
