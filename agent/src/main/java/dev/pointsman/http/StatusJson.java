package dev.pointsman.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pointsman.drift.OpenDrift;
import dev.pointsman.rollout.RolloutStatus;
import dev.pointsman.status.Health;
import dev.pointsman.status.StatusBoard;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The /api/status document: commits, readiness, and per environment and resource the sync state.
 */
final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  static String render(
      StatusBoard board,
      List<OpenDrift> drifts,
      List<RolloutStatus> rollouts,
      Health health,
      Optional<String> notReady) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ready", notReady.isEmpty());
    notReady.ifPresent(r -> root.put("notReadyReason", r));
    ObjectNode git = root.putObject("git");
    health.lastGitSuccess().ifPresent(t -> git.put("lastFetchSucceeded", t.toString()));
    health.gitError().ifPresent(e -> git.put("error", e));
    board.lastApplied().ifPresent(c -> commit(root.putObject("lastAppliedCommit"), c));
    board.lastSeen().ifPresent(c -> commit(root.putObject("lastSeenCommit"), c));
    ArrayNode rejection = root.putArray("lastRejection");
    board.lastRejection().forEach(rejection::add);
    ObjectNode envs = root.putObject("environments");
    for (StatusBoard.ResourceStatus r : board.resources()) {
      ObjectNode item = envs.withArray(r.id().environment()).addObject();
      item.put("kind", r.id().kind())
          .put("name", r.id().name())
          .put("state", r.state().name().toLowerCase(Locale.ROOT))
          .put("commit", r.commit());
      r.error().ifPresent(e -> item.put("error", e));
      ArrayNode diffs = item.putArray("differences");
      r.differences()
          .forEach(
              d ->
                  diffs
                      .addObject()
                      .put("field", d.field())
                      .put("desired", d.desired())
                      .put("live", d.live()));
    }
    ArrayNode open = root.putArray("openDrifts");
    for (OpenDrift d : drifts) {
      ObjectNode item = open.addObject();
      d.who()
          .ifPresent(
              w -> {
                ObjectNode who = item.putObject("who");
                who.put("known", w.known()).put("principal", w.principal()).put("via", w.via());
                if (w.known()) who.put("eventName", w.eventName());
                w.time().ifPresent(t -> who.put("time", t.toString()));
              });
      item.put("environment", d.drift().resource().environment())
          .put("kind", d.drift().resource().kind())
          .put("name", d.drift().resource().name())
          .put("field", d.drift().field())
          .put("desired", d.drift().desired())
          .put("live", d.drift().live())
          .put("firstSeen", d.firstSeen().toString())
          .put("action", d.action())
          .put("commit", d.commit());
    }
    ArrayNode rolling = root.putArray("rollouts");
    for (RolloutStatus r : rollouts) {
      ObjectNode item =
          rolling
              .addObject()
              .put("environment", r.environment())
              .put("kind", r.kind())
              .put("name", r.name())
              .put("weight", r.weight())
              .put("steps", r.steps());
      if (r.state() != null) {
        item.put("target", r.state().target())
            .put("step", r.state().step() + 1)
            .put("status", r.state().status().name().toLowerCase(Locale.ROOT))
            .put("reason", r.state().reason())
            .put("stepStartedAt", r.state().stepStartedAt().toString());
      }
      r.nextStepAt().ifPresent(t -> item.put("nextStepAt", t.toString()));
      ArrayNode alarms = item.putArray("alarms");
      r.alarms()
          .forEach(
              a ->
                  alarms
                      .addObject()
                      .put("name", a)
                      .put(
                          "state",
                          r.alarming().stream().anyMatch(x -> x.startsWith(a)) ? "ALARM" : "OK"));
    }
    return root.toPrettyString();
  }

  private static void commit(ObjectNode node, StatusBoard.CommitStatus c) {
    node.put("sha", c.sha()).put("subject", c.subject()).put("at", c.at().toString());
  }
}
