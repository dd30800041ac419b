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
 * GitLab (gitlab.com or self-managed at its API URL): merge-request notes and commit statuses,
 * through the REST API v4 with a token (scope {@code api}) in {@code PRIVATE-TOKEN}.
 */
public final class GitLabForge implements Forge {
  public static final URI PUBLIC_API = URI.create("https://gitlab.com/api/v4");
  private final ForgeHttp http;

  public GitLabForge(URI api, Secret token, Clock clock) {
    this(api, token, clock, d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(1));
  }

  GitLabForge(URI api, Secret token, Clock clock, ForgeHttp.Sleeper sleeper, Duration backoff) {
    this.http = new ForgeHttp(api, "PRIVATE-TOKEN", "", token, clock, sleeper, backoff);
  }

  @Override
  public void publish(PullRequest pr, String markdown, boolean success, String description)
      throws ForgeException {
    String project = URLEncoder.encode(pr.project(), StandardCharsets.UTF_8);
    String notes = "/projects/" + project + "/merge_requests/" + pr.number() + "/notes";
    String body = Forge.MARKER + "\n" + markdown;
    Optional<Long> existing = findNote(notes);
    ObjectNode note = ForgeHttp.JSON.createObjectNode().put("body", body);
    if (existing.isPresent()) {
      http.send("PUT", notes + "/" + existing.get(), Optional.of(note));
    } else {
      http.send("POST", notes, Optional.of(note));
    }
    ObjectNode status =
        ForgeHttp.JSON
            .createObjectNode()
            .put("state", success ? "success" : "failed")
            .put("name", Forge.CONTEXT)
            .put("description", Descriptions.clip(description));
    http.send(
        "POST",
        "/projects/"
            + project
            + "/statuses/"
            + URLEncoder.encode(pr.headSha(), StandardCharsets.UTF_8),
        Optional.of(status));
  }

  private Optional<Long> findNote(String notes) throws ForgeException {
    for (int page = 1; page <= 10; page++) {
      JsonNode list = http.send("GET", notes + "?per_page=100&page=" + page, Optional.empty());
      for (JsonNode n : list) {
        if (n.path("body").asText("").startsWith(Forge.MARKER))
          return Optional.of(n.path("id").asLong());
      }
      if (list.size() < 100) break;
    }
    return Optional.empty();
  }
}
