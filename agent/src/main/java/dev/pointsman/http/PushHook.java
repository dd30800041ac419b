package dev.pointsman.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import dev.pointsman.forge.PullRequest;
import dev.pointsman.git.Secret;
import dev.pointsman.preview.PullRequestPreviews;
import java.io.IOException;
import java.util.Optional;

/**
 * A Git host's push webhook: authenticate the request, then trigger a sync when the push is to the
 * followed branch. Authentication failures answer 401; without a configured secret, hooks answer
 * 403 so an unauthenticated endpoint can never trigger anything.
 */
abstract class PushHook {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Jackson builds its tree readers on first use (~10 ms on a cold JVM): at start, not while the
    // first push's request waits for its answer.
    try {
      JSON.readTree("{\"ref\": \"refs/heads/main\"}");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Optional<Secret> secret;
  private final Optional<String> branch;
  private final Runnable trigger;
  private final Optional<PullRequestPreviews> previews;

  PushHook(
      Optional<Secret> secret,
      Optional<String> branch,
      Runnable trigger,
      Optional<PullRequestPreviews> previews) {
    this.secret = secret;
    this.branch = branch;
    this.trigger = trigger;
    this.previews = previews;
  }

  /** True for a pull/merge-request event (any action). */
  abstract boolean isPullRequest(Headers headers);

  /** The pull request to preview, or empty for actions that change no head (closed, labels...). */
  abstract Optional<PullRequest> pullRequest(JsonNode payload);

  /** True when the request carries valid credentials for {@code secret}. */
  abstract boolean authentic(Headers headers, byte[] body, Secret secret);

  /** True for a push event; false for others, which are acknowledged and ignored. */
  abstract boolean isPush(Headers headers);

  /** True for the host's connectivity check. */
  abstract boolean isPing(Headers headers);

  Response handle(Headers headers, byte[] body) {
    if (secret.isEmpty())
      return new Response(403, "webhook secret not configured; this hook is disabled");
    if (!authentic(headers, body, secret.get()))
      return new Response(401, "invalid or missing signature");
    if (isPing(headers)) return new Response(200, "pong");
    boolean pr = isPullRequest(headers);
    if (!isPush(headers) && !pr) return new Response(200, "ignored: not a push event");
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (IOException e) {
      return new Response(400, "payload is not JSON");
    }
    if (pr) return preview(payload);
    String ref = payload.path("ref").asText("");
    String followed = branch.orElse(defaultBranch(payload));
    if (!ref.equals("refs/heads/" + followed))
      return new Response(200, "ignored: push to " + ref + ", following " + followed);
    trigger.run();
    return new Response(202, "sync triggered");
  }

  private Response preview(JsonNode payload) {
    Optional<PullRequest> request = pullRequest(payload);
    if (request.isEmpty()) return new Response(200, "ignored: this action changes no head");
    PullRequest p = request.get();
    if (previews.isEmpty() || !previews.get().handles(p.forge()))
      return new Response(
          200, "ignored: pull-request previews are not configured (no forge token)");
    String followed = branch.orElse(defaultBranch(payload));
    if (!p.baseBranch().equals(followed))
      return new Response(
          200, "ignored: merges into " + p.baseBranch() + ", following " + followed);
    previews.get().submit(p);
    return new Response(202, "preview queued for " + p.key());
  }

  /**
   * The repository's default branch as the push payload names it (when following the remote HEAD).
   */
  abstract String defaultBranch(JsonNode payload);

  record Response(int status, String body) {}
}
