package dev.pointsman.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.pointsman.git.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** GitLab: {@code X-Gitlab-Token} must equal the configured token (constant-time comparison). */
final class GitLabHook extends PushHook {
  GitLabHook(Optional<Secret> secret, Optional<String> branch, Runnable trigger) {
    super(secret, branch, trigger);
  }

  @Override
  boolean authentic(Headers headers, byte[] body, Secret secret) {
    String token = headers.getFirst("X-Gitlab-Token");
    return token != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            secret.reveal().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  boolean isPush(Headers headers) {
    return "Push Hook".equals(headers.getFirst("X-Gitlab-Event"));
  }

  @Override
  boolean isPing(Headers headers) {
    return false;
  }

  @Override
  String defaultBranch(JsonNode payload) {
    return payload.path("project").path("default_branch").asText("main");
  }
}
