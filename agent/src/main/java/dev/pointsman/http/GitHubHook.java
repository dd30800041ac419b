package dev.pointsman.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.pointsman.forge.PullRequest;
import dev.pointsman.git.Secret;
import dev.pointsman.preview.PullRequestPreviews;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub: {@code X-Hub-Signature-256} is HMAC-SHA256 of the raw body, compared in constant time.
 */
final class GitHubHook extends PushHook {
  GitHubHook(
      Optional<Secret> secret,
      Optional<String> branch,
      Runnable trigger,
      Optional<PullRequestPreviews> previews) {
    super(secret, branch, trigger, previews);
  }

  @Override
  boolean isPullRequest(Headers headers) {
    return "pull_request".equals(headers.getFirst("X-GitHub-Event"));
  }

  @Override
  Optional<PullRequest> pullRequest(JsonNode p) {
    String action = p.path("action").asText("");
    if (!Set.of("opened", "synchronize", "reopened").contains(action)) return Optional.empty();
    JsonNode pr = p.path("pull_request");
    String repo = p.path("repository").path("full_name").asText("");
    String sha = pr.path("head").path("sha").asText("");
    int number = p.path("number").asInt(pr.path("number").asInt(0));
    if (repo.isEmpty() || sha.isEmpty() || number <= 0) return Optional.empty();
    return Optional.of(
        PullRequest.github(repo, number, sha, pr.path("base").path("ref").asText("")));
  }

  @Override
  boolean authentic(Headers headers, byte[] body, Secret secret) {
    String header = headers.getFirst("X-Hub-Signature-256");
    if (header == null || !header.startsWith("sha256=")) return false;
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  static byte[] hmac(Secret secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  boolean isPush(Headers headers) {
    return "push".equals(headers.getFirst("X-GitHub-Event"));
  }

  @Override
  boolean isPing(Headers headers) {
    return "ping".equals(headers.getFirst("X-GitHub-Event"));
  }

  @Override
  String defaultBranch(JsonNode payload) {
    return payload.path("repository").path("default_branch").asText("main");
  }
}
