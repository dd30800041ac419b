package dev.pointsman.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pointsman.drift.OpenDrift;
import dev.pointsman.model.ResourceId;
import dev.pointsman.notify.CommitLinks;
import dev.pointsman.rollout.RolloutStatus;
import dev.pointsman.status.Health;
import dev.pointsman.status.History;
import dev.pointsman.status.StatusBoard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The release board as JSON ({@code GET /api/board}, and each {@code board} event of {@code
 * /api/events}); documented in docs/operations.md. Rows are pointers (kind and metadata.name)
 * grouped by what they belong to; columns are environments; each cell says what is live, its state
 * and why.
 */
final class BoardJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the board is built from. */
  record Sources(
      StatusBoard status,
      List<OpenDrift> drifts,
      List<RolloutStatus> rollouts,
      Health health,
      Optional<String> repoUrl,
      boolean controls) {}

  private BoardJson() {}

  static String render(Sources s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", "pointsman.dev/board/v1").put("controls", s.controls());
    List<StatusBoard.Pointer> pointers = s.status().pointers();
    List<String> envs = s.status().environments();
    Map<String, History.Applied> lastPer = s.status().history().lastPerEnvironment();
    ArrayNode environments = root.putArray("environments");
    for (String env : envs) {
      ObjectNode e = environments.addObject().put("name", env);
      History.Applied last = lastPer.get(env);
      if (last != null) commit(e.putObject("lastApplied"), last, s.repoUrl());
    }
    s.status()
        .lastApplied()
        .ifPresent(
            c -> {
              ObjectNode live =
                  root.putObject("liveCommit")
                      .put("sha", c.sha())
                      .put("short", shortSha(c.sha()))
                      .put("subject", c.subject())
                      .put("at", c.at().toString());
              s.repoUrl()
                  .flatMap(u -> CommitLinks.of(u, c.sha()))
                  .ifPresent(u -> live.put("url", u));
            });

    Map<ResourceId, StatusBoard.ResourceStatus> statuses = new HashMap<>();
    s.status().resources().forEach(r -> statuses.put(r.id(), r));
    Map<ResourceId, RolloutStatus> rollouts = new HashMap<>();
    for (RolloutStatus r : s.rollouts())
      rollouts.put(new ResourceId(r.environment(), r.kind(), r.name()), r);
    Map<ResourceId, OpenDrift> who = new HashMap<>();
    for (OpenDrift d : s.drifts()) if (d.who().isPresent()) who.put(d.drift().resource(), d);

    // group -> row (kind/metadata.name) -> environment -> pointer
    Map<String, Map<String, Map<String, StatusBoard.Pointer>>> groups = new TreeMap<>();
    for (StatusBoard.Pointer p : pointers) {
      groups
          .computeIfAbsent(p.group(), g -> new TreeMap<>())
          .computeIfAbsent(p.id().kind() + "/" + p.metadataName(), r -> new LinkedHashMap<>())
          .put(p.id().environment(), p);
    }
    ArrayNode groupArray = root.putArray("groups");
    groups.forEach(
        (group, rows) -> {
          ObjectNode g = groupArray.addObject().put("name", group);
          ArrayNode rowArray = g.putArray("rows");
          rows.forEach(
              (key, cells) -> {
                StatusBoard.Pointer any = cells.values().iterator().next();
                ObjectNode row =
                    rowArray
                        .addObject()
                        .put("kind", any.id().kind())
                        .put("name", any.metadataName());
                ObjectNode cellObject = row.putObject("cells");
                String previousEnv = null;
                String previousLive = null;
                for (String env : envs) {
                  StatusBoard.Pointer p = cells.get(env);
                  if (p == null) continue;
                  ObjectNode c = cellObject.putObject(env);
                  String live =
                      cell(c, p, statuses.get(p.id()), rollouts.get(p.id()), who.get(p.id()));
                  if (previousLive != null && !previousLive.equals(live))
                    c.put("differsFrom", previousEnv);
                  previousEnv = env;
                  previousLive = live;
                }
              });
        });

    ArrayNode history = root.putArray("history");
    for (History.Applied a : s.status().history().entries()) {
      ObjectNode h = commit(history.addObject(), a, s.repoUrl());
      ArrayNode changes = h.putArray("changes");
      for (History.Change c : a.changes())
        changes
            .addObject()
            .put("environment", c.environment())
            .put("kind", c.kind())
            .put("name", c.name())
            .put("summary", c.summary());
    }
    ArrayNode problems = root.putArray("problems");
    s.health().gitError().ifPresent(e -> problems.addObject().put("key", "git").put("message", e));
    new TreeMap<>(s.status().problems())
        .forEach(
            (k, m) -> {
              if (!k.equals("git fetch")) problems.addObject().put("key", k).put("message", m);
            });
    ArrayNode rejection = root.putArray("rejectedCommit");
    s.status().lastRejection().forEach(rejection::add);
    return root.toPrettyString();
  }

  /** Fills one cell; returns what it says is live (for comparing neighbours). */
  private static String cell(
      ObjectNode c,
      StatusBoard.Pointer p,
      StatusBoard.ResourceStatus status,
      RolloutStatus rollout,
      OpenDrift drift) {
    c.put("resource", p.id().environment() + "/" + p.id().kind() + "/" + p.metadataName());
    c.putObject("id")
        .put("environment", p.id().environment())
        .put("kind", p.id().kind())
        .put("name", p.id().name());
    c.put("git", p.target());
    String state;
    String live = p.target();
    if (status == null) {
      state = "pending";
      c.put("detail", "not read yet");
    } else {
      switch (status.state()) {
        case IN_SYNC -> state = "in_sync";
        case DRIFTED -> {
          state = "drift";
          ArrayNode diffs = c.putArray("differences");
          List<String> lives = new ArrayList<>();
          for (StatusBoard.Difference d : status.differences()) {
            diffs.addObject().put("field", d.field()).put("git", d.desired()).put("live", d.live());
            lives.add(d.field() + " " + d.live());
          }
          live = String.join(", ", lives);
        }
        case HELD -> state = "held";
        case PENDING -> state = "pending";
        default -> state = "failed";
      }
      status.error().ifPresent(e -> c.put("detail", e));
    }
    if (rollout != null && !state.equals("failed")) {
      state = "rolling";
      ObjectNode r =
          c.putObject("rollout").put("weight", rollout.weight()).put("steps", rollout.steps());
      if (rollout.state() != null) {
        live = rollout.state().target() + " at " + rollout.weight();
        r.put("step", rollout.state().step() + 1)
            .put("target", rollout.state().target())
            .put("status", rollout.state().status().name().toLowerCase(Locale.ROOT))
            .put("reason", rollout.state().reason());
      }
      rollout.nextStepAt().ifPresent(t -> r.put("nextStepAt", t.toString()));
      ArrayNode alarming = r.putArray("alarming");
      rollout.alarming().forEach(alarming::add);
    }
    if (drift != null) {
      drift.who().ifPresent(w -> c.put("who", w.describe()));
    }
    c.put("state", state).put("live", live);
    return live;
  }

  private static ObjectNode commit(ObjectNode node, History.Applied a, Optional<String> repoUrl) {
    node.put("sha", a.sha())
        .put("short", shortSha(a.sha()))
        .put("subject", a.subject())
        .put("author", a.author())
        .put("at", a.at().toString());
    repoUrl.flatMap(u -> CommitLinks.of(u, a.sha())).ifPresent(u -> node.put("url", u));
    return node;
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
