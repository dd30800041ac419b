package dev.pointsman.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.model.ResourceId;
import dev.pointsman.status.Health;
import dev.pointsman.status.History;
import dev.pointsman.status.StatusBoard;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The board's JSON: rows across environments, neighbours compared, history and problems. */
class BoardJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StatusBoard.Pointer alias(String env, String version) {
    return new StatusBoard.Pointer(
        new ResourceId(env, "LambdaAlias", "ProcessOrder/" + env),
        "process-order",
        "function ProcessOrder",
        version);
  }

  private static JsonNode render(StatusBoard status) throws Exception {
    return JSON.readTree(
        BoardJson.render(
            new BoardJson.Sources(
                status,
                List.of(),
                List.of(),
                new Health(Clock.systemUTC()),
                Optional.of("git@github.com:acme/releases.git"),
                false)));
  }

  @Test
  void oneRowPerPointerAcrossEnvironmentsInTheirOrderWithDifferencesFromTheLeftMarked()
      throws Exception {
    StatusBoard status = new StatusBoard(History.inMemory());
    status.declare(
        List.of(alias("dev", "8"), alias("staging", "8"), alias("prod", "7")),
        List.of("dev", "staging", "prod"));

    JsonNode board = render(status);

    assertThat(board.path("environments").findValuesAsText("name"))
        .containsExactly("dev", "staging", "prod");
    JsonNode row = board.path("groups").get(0).path("rows").get(0);
    assertThat(board.path("groups").get(0).path("name").asText())
        .isEqualTo("function ProcessOrder");
    assertThat(row.path("name").asText()).isEqualTo("process-order");
    JsonNode cells = row.path("cells");
    assertThat(cells.path("dev").path("state").asText()).as("not read yet").isEqualTo("pending");
    assertThat(cells.path("dev").path("resource").asText())
        .isEqualTo("dev/LambdaAlias/process-order");
    assertThat(cells.path("staging").has("differsFrom")).isFalse();
    assertThat(cells.path("prod").path("differsFrom").asText()).isEqualTo("staging");
    assertThat(cells.path("prod").path("live").asText()).isEqualTo("7");
  }

  @Test
  void historyLinksToTheForgeAndProblemsAreListed() throws Exception {
    StatusBoard status = new StatusBoard(History.inMemory());
    status.declare(List.of(alias("prod", "7")), List.of("prod"));
    status
        .history()
        .record(
            new History.Applied(
                "0123456789abcdef",
                "Promote <b>7</b>",
                "Alice",
                Instant.parse("2026-11-30T09:00:00Z"),
                List.of(
                    new History.Change(
                        "prod", "LambdaAlias", "ProcessOrder/prod", "version 6 → 7"))));
    status.problems(Map.of("resources:prod/LambdaAlias/x", "AccessDenied"));

    JsonNode board = render(status);

    JsonNode h = board.path("history").get(0);
    assertThat(h.path("subject").asText()).isEqualTo("Promote <b>7</b>");
    assertThat(h.path("url").asText())
        .isEqualTo("https://github.com/acme/releases/commit/0123456789abcdef");
    assertThat(board.path("environments").get(0).path("lastApplied").path("short").asText())
        .isEqualTo("0123456");
    assertThat(board.path("problems").get(0).path("message").asText()).isEqualTo("AccessDenied");
  }
}
