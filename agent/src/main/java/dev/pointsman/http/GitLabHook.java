package dev.pointsman.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.pointsman.forge.PullRequest;
import dev.pointsman.git.Secret;
import dev.pointsman.preview.PullRequestPreviews;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/** GitLab: {@code X-Gitlab-Token} must equal the configured token (constant-time comparison). */
final class GitLabHook extends PushHook {
  GitLabHook(
      Optional<Secret> secret,
      Optional<String> branch,
      Runnable trigger,
      Optional<PullRequestPreviews> previews) {
    super(secret, branch, trigger, previews);
  }

  @Override
  boolean isPullRequest(Headers headers) {
    return "Merge Request Hook".equals(headers.getFirst("X-Gitlab-Event"));
  }

  @Override
  Optional<PullRequest> pullRequest(JsonNode p) {
    JsonNode mr = p.path("object_attributes");
    String action = mr.path("action").asText("");
    if (!Set.of("open", "update", "reopen").contains(action)) return Optional.empty();
    String project = p.path("project").path("id").asText("");
    String sha = mr.path("last_commit").path("id").asText("");
    int iid = mr.path("iid").asInt(0);
    if (project.isEmpty() || sha.isEmpty() || iid <= 0) return Optional.empty();
    return Optional.of(PullRequest.gitlab(project, iid, sha, mr.path("target_branch").asText("")));
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
