package dev.pointsman.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pointsman.git.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub (and GitHub Enterprise at its API URL): issue comments of the pull request and commit
 * statuses, through the REST API with a token (fine-grained: pull requests and commit statuses,
 * read and write).
 */
public final class GitHubForge implements Forge {
  public static final URI PUBLIC_API = URI.create("https://api.github.com");
  private final ForgeHttp http;

  public GitHubForge(URI api, Secret token, Clock clock) {
    this(api, token, clock, d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(1));
  }

  GitHubForge(URI api, Secret token, Clock clock, ForgeHttp.Sleeper sleeper, Duration backoff) {
    this.http = new ForgeHttp(api, "Authorization", "Bearer ", token, clock, sleeper, backoff);
  }

  @Override
  public void publish(PullRequest pr, String markdown, boolean success, String description)
      throws ForgeException {
    String repo = pr.project();
    if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"))
      throw new ForgeException("not a GitHub repository name: " + repo);
    String body = Forge.MARKER + "\n" + markdown;
    Optional<Long> existing = findComment(repo, pr.number());
    ObjectNode comment = ForgeHttp.JSON.createObjectNode().put("body", body);
    if (existing.isPresent()) {
      http.send(
          "PATCH", "/repos/" + repo + "/issues/comments/" + existing.get(), Optional.of(comment));
    } else {
      http.send(
          "POST", "/repos/" + repo + "/issues/" + pr.number() + "/comments", Optional.of(comment));
    }
    ObjectNode status =
        ForgeHttp.JSON
            .createObjectNode()
            .put("state", success ? "success" : "failure")
            .put("context", Forge.CONTEXT)
            .put("description", Descriptions.clip(description));
    http.send(
        "POST",
        "/repos/" + repo + "/statuses/" + URLEncoder.encode(pr.headSha(), StandardCharsets.UTF_8),
        Optional.of(status));
  }

  private Optional<Long> findComment(String repo, int number) throws ForgeException {
    for (int page = 1; page <= 10; page++) {
      JsonNode comments =
          http.send(
              "GET",
              "/repos/" + repo + "/issues/" + number + "/comments?per_page=100&page=" + page,
              Optional.empty());
      for (JsonNode c : comments) {
        if (c.path("body").asText("").startsWith(Forge.MARKER))
          return Optional.of(c.path("id").asLong());
      }
      if (comments.size() < 100) break;
    }
    return Optional.empty();
  }
}
