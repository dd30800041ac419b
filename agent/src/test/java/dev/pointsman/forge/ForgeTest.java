package dev.pointsman.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pointsman.git.Secret;
import dev.pointsman.it.FakeForge;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GitHub and GitLab previews against a local server that implements their few endpoints. */
class ForgeTest {
  private final FakeForge forge = newForge();
  private final List<Duration> slept = new ArrayList<>();

  private static FakeForge newForge() {
    try {
      return new FakeForge();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  private GitHubForge github() {
    return new GitHubForge(
        forge.url(),
        new Secret("ghp_test-token-123456789012345"),
        Clock.systemUTC(),
        slept::add,
        Duration.ofMillis(10));
  }

  private GitLabForge gitlab() {
    return new GitLabForge(
        forge.url().resolve("/api/v4"),
        new Secret("glpat-test-token-12345678901"),
        Clock.systemUTC(),
        slept::add,
        Duration.ofMillis(10));
  }

  private static final PullRequest GH =
      PullRequest.github("acme/releases", 7, "abc123def456", "main");
  private static final PullRequest GL = PullRequest.gitlab("42", 3, "abc123def456", "main");

  @Test
  void githubGetsOneCommentEditedOnTheNextPushAndAStatus() throws Exception {
    github().publish(GH, "plan one", true, "1 to update");
    github().publish(GH, "plan two", false, "1 plan error(s): prod/a.yaml:4: boom");

    assertThat(forge.comments()).hasSize(1);
    assertThat(forge.commentBodies().get(0)).startsWith(Forge.MARKER).contains("plan two");
    List<FakeForge.Request> writes =
        forge.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    assertThat(writes)
        .extracting(FakeForge.Request::method)
        .containsExactly("POST", "POST", "PATCH", "POST");
    assertThat(writes.get(0).path()).isEqualTo("/repos/acme/releases/issues/7/comments");
    assertThat(writes.get(2).path()).startsWith("/repos/acme/releases/issues/comments/");
    assertThat(writes.get(1).path()).isEqualTo("/repos/acme/releases/statuses/abc123def456");
    assertThat(forge.requests())
        .allSatisfy(
            r -> assertThat(r.authorization()).isEqualTo("Bearer ghp_test-token-123456789012345"));
    assertThat(forge.statuses())
        .extracting(s -> s.path("state").asText())
        .containsExactly("success", "failure");
    assertThat(forge.statuses().get(1).path("context").asText()).isEqualTo("pointsman/plan");
    assertThat(forge.statuses().get(1).path("description").asText()).contains("prod/a.yaml:4");
  }

  @Test
  void gitlabGetsOneNoteEditedOnTheNextPushAndAStatus() throws Exception {
    gitlab().publish(GL, "plan one", true, "ok");
    gitlab().publish(GL, "plan two", true, "ok");

    assertThat(forge.comments()).hasSize(1);
    List<FakeForge.Request> writes =
        forge.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    assertThat(writes)
        .extracting(FakeForge.Request::method)
        .containsExactly("POST", "POST", "PUT", "POST");
    assertThat(writes.get(0).path()).isEqualTo("/api/v4/projects/42/merge_requests/3/notes");
    assertThat(writes.get(1).path()).isEqualTo("/api/v4/projects/42/statuses/abc123def456");
    assertThat(writes.get(1).json().path("name").asText()).isEqualTo("pointsman/plan");
    assertThat(forge.requests())
        .allSatisfy(r -> assertThat(r.privateToken()).isEqualTo("glpat-test-token-12345678901"));
  }

  @Test
  void aRateLimitIsWaitedOutThenTheCallGoesThrough() throws Exception {
    forge.rateLimitNext(1);
    github().publish(GH, "plan", true, "ok");
    assertThat(slept).hasSize(1);
    assertThat(slept.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(3));
    assertThat(forge.comments()).hasSize(1);
  }

  @Test
  void fiveHundredsAreRetriedWithBackoffThenGivenUpForLater() {
    forge.down(true);
    assertThatThrownBy(() -> github().publish(GH, "plan", true, "ok"))
        .isInstanceOf(ForgeException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(slept)
        .containsExactly(
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(80));
    assertThat(forge.requests()).hasSize(4);
  }

  @Test
  void aLongStatusDescriptionIsClippedTo140Characters() throws Exception {
    github().publish(GH, "plan", false, "x".repeat(500));
    assertThat(forge.statuses().get(0).path("description").asText()).hasSize(140);
  }
}
