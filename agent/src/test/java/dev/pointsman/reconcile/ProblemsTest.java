package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pass that looked at some resources resolves only their problems, never the others'. */
class ProblemsTest {
  private final List<Notification> sent = new ArrayList<>();
  private final Problems problems =
      new Problems(sent::add, new Messages("https://git.example.com/r.git"), Clock.systemUTC());

  @Test
  void aPassResolvesOnlyWhatItLookedAt() {
    Map<String, String> failing = Map.of("prod/LambdaAlias/a/live", "ListAliases failed: denied");
    problems.update("resources", failing);
    problems.update("resources", failing);
    assertThat(sent).hasSize(1); // announced once it persisted over two passes

    // A promotion of another resource: it did not look at a/live, so that stays open.
    problems.update("resources", Map.of(), "prod/LambdaAlias/b/live"::equals);
    assertThat(sent).hasSize(1);

    // A sweep round that looked at a/live and found it fine: resolved, announced once.
    problems.update("resources", Map.of(), "prod/LambdaAlias/a/live"::equals);
    assertThat(sent).hasSize(2);
    problems.update("resources", Map.of());
    assertThat(sent).hasSize(2);
  }
}
