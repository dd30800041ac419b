package dev.pointsman.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pointsman.manifest.ManifestError;
import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.PlanError;
import dev.pointsman.secrets.Scrubber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan report as text (the CLI's default), Markdown (a pull-request comment) or JSON (stable,
 * documented in docs/schema/plan-v1.schema.json). Every form passes through the secret scrubber
 * last; manifests cannot hold secret values in the first place.
 */
public final class PlanFormats {
  public static final String JSON_SCHEMA = "pointsman.dev/plan/v1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanFormats() {}

  public enum Format {
    TEXT,
    MARKDOWN,
    JSON;

    public static Format of(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown format '" + name + "'; expected text, markdown or json");
      }
    }
  }

  /** The report in {@code format}; every text from Git or AWS passes the secret scrubber. */
  public static String render(PlanReport r, Format format) {
    return switch (format) {
      case TEXT -> text(r).lines().map(Scrubber::scrub).reduce("", (a, l) -> a + l + "\n");
      case MARKDOWN -> markdown(r);
      case JSON -> json(r);
    };
  }

  static String summary(PlanReport r) {
    Plan plan = r.result().plan();
    if (!r.result().rejections().isEmpty())
      return "invalid: "
          + r.result().rejections().size()
          + " validation error(s); nothing would be applied";
    long creates = plan.changes().stream().filter(c -> c.action() == Action.CREATE).count();
    long updates = plan.changes().stream().filter(c -> c.action() == Action.UPDATE).count();
    long same = plan.changes().stream().filter(c -> c.action() == Action.NONE).count();
    long held = plan.held().size();
    String s = creates + " to create, " + updates + " to update, " + same + " in sync";
    if (held > 0) s += ", " + held + " held by the release policy";
    if (!r.released().isEmpty()) s += ", " + r.released().size() + " no longer managed";
    if (!r.drift().isEmpty()) s += ", " + r.drift().size() + " drifted field(s) overwritten";
    if (!plan.errors().isEmpty())
      s += ", " + plan.errors().size() + " error(s); nothing would be applied";
    return s;
  }

  private static String text(PlanReport r) {
    StringBuilder b = new StringBuilder();
    var c = r.commit();
    b.append("Commit ")
        .append(c.shortSha())
        .append("  ")
        .append(c.subject())
        .append("  (")
        .append(c.author())
        .append(")\n");
    if (r.manifestsUntouched())
      b.append("This commit changes no manifest: merging it moves nothing.\n");
    if (!r.result().rejections().isEmpty()) {
      b.append("Validation failed: ")
          .append(r.result().rejections().size())
          .append(" error(s); nothing is applied.\n");
      r.result().rejections().forEach(e -> b.append("  ").append(e).append('\n'));
      return b.toString();
    }
    Plan plan = r.result().plan();
    for (Change ch : plan.changes())
      if (ch.action() != Action.NONE || !ch.notes().isEmpty()) b.append(ch.describe()).append('\n');
    for (ResourceId id : r.released())
      b.append("- ")
          .append(id.environment())
          .append("  ")
          .append(id.kind())
          .append(' ')
          .append(id.name())
          .append("  no longer managed: left as it is live\n");
    for (PlanReport.Drift d : r.drift()) b.append("! drift: ").append(drift(d)).append('\n');
    for (PlanError e : plan.errors()) b.append("! ").append(e).append('\n');
    b.append("Plan: ").append(summary(r)).append(plan.errors().isEmpty() ? "." : "").append('\n');
    return b.toString();
  }

  static String drift(PlanReport.Drift d) {
    return d.id().environment()
        + " "
        + d.id().kind()
        + " "
        + d.id().name()
        + " "
        + d.field()
        + " is "
        + d.live()
        + " live, "
        + d.base()
        + " in Git: this merge overwrites a change made outside Git";
  }

  private static String markdown(PlanReport r) {
    StringBuilder b = new StringBuilder();
    var c = r.commit();
    boolean errors = !r.result().rejections().isEmpty() || !r.result().plan().errors().isEmpty();
    b.append("### Pointsman plan for `").append(c.shortSha()).append("`\n\n");
    if (r.manifestsUntouched()) {
      return b.append(
              "This change touches no manifest under the manifests path: merging it moves nothing.\n")
          .toString();
    }
    b.append(errors ? "**Blocked** — " : "").append(cell(summary(r))).append("\n\n");
    if (!r.result().rejections().isEmpty()) {
      b.append("| file:line | problem |\n|---|---|\n");
      for (ManifestError e : r.result().rejections()) {
        String where = e.line() > 0 ? e.file() + ":" + e.line() : e.file();
        b.append("| `")
            .append(cell(where))
            .append("` | ")
            .append(cell((e.field().isEmpty() ? "" : e.field() + ": ") + e.message()))
            .append(" |\n");
      }
      return b.toString();
    }
    if (!r.drift().isEmpty()) {
      b.append("> [!WARNING]\n");
      for (PlanReport.Drift d : r.drift()) b.append("> ").append(cell(drift(d))).append("\n");
      b.append('\n');
    }
    Map<String, List<String>> rows = new TreeMap<>();
    for (Change ch : r.result().plan().changes()) {
      if (ch.action() == Action.NONE && ch.notes().isEmpty()) continue;
      String fields =
          ch.action() == Action.NONE
              ? "in sync"
              : String.join("<br>", ch.fields().stream().map(f -> cell(f.toString())).toList());
      String notes =
          ch.notes().isEmpty() ? "" : "<br>_" + cell(String.join("; ", ch.notes())) + "_";
      rows.computeIfAbsent(ch.id().environment(), k -> new ArrayList<>())
          .add(
              "| "
                  + ch.action().symbol()
                  + " | "
                  + ch.id().kind()
                  + " | `"
                  + cell(ch.id().name())
                  + "` | "
                  + fields
                  + notes
                  + " |");
    }
    for (ResourceId id : r.released())
      rows.computeIfAbsent(id.environment(), k -> new ArrayList<>())
          .add(
              "| - | "
                  + id.kind()
                  + " | `"
                  + cell(id.name())
                  + "` | no longer managed: left as it is live |");
    for (PlanError e : r.result().plan().errors())
      rows.computeIfAbsent(e.id().environment(), k -> new ArrayList<>())
          .add(
              "| ! | "
                  + e.id().kind()
                  + " | `"
                  + cell(e.id().name())
                  + "` | `"
                  + cell(e.source().toString())
                  + "`: "
                  + cell(e.message())
                  + " |");
    rows.forEach(
        (env, lines) -> {
          b.append("#### ")
              .append(cell(env))
              .append("\n\n| | kind | name | change |\n|---|---|---|---|\n");
          lines.forEach(l -> b.append(l).append('\n'));
          b.append('\n');
        });
    if (rows.isEmpty()) b.append("Every pointer already matches.\n");
    return b.toString();
  }

  /** Markdown table cell text: no pipes, no line breaks, no HTML. */
  static String cell(String s) {
    return Scrubber.scrub(s)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", " ");
  }

  private static String json(PlanReport r) {
    ObjectNode root = JSON.createObjectNode().put("schema", JSON_SCHEMA);
    var c = r.commit();
    root.putObject("commit")
        .put("sha", c.sha())
        .put("subject", c.subject())
        .put("author", c.author());
    r.base().ifPresent(b -> root.putObject("base").put("sha", b.sha()).put("subject", b.subject()));
    root.put("status", r.result().status().name().toLowerCase(Locale.ROOT));
    root.put("exitCode", r.exitCode());
    root.put("manifestsUntouched", r.manifestsUntouched());
    root.put("summary", summary(r));
    ArrayNode rejections = root.putArray("validationErrors");
    for (ManifestError e : r.result().rejections())
      rejections
          .addObject()
          .put("file", e.file())
          .put("line", e.line())
          .put("field", e.field())
          .put("message", e.message());
    Map<String, ObjectNode> envs = new TreeMap<>();
    ArrayNode envArray = root.putArray("environments");
    for (Change ch : r.result().plan().changes()) {
      ObjectNode res =
          ((ArrayNode) env(envs, envArray, ch.id().environment()).get("resources")).addObject();
      resource(res, ch.id());
      res.put("action", ch.action().name().toLowerCase(Locale.ROOT));
      res.put("file", ch.desired().source().file()).put("line", ch.desired().source().line());
      ArrayNode fields = res.putArray("fields");
      for (FieldChange f : ch.fields())
        fields.addObject().put("field", f.field()).put("live", f.from()).put("desired", f.to());
      ArrayNode notes = res.putArray("notes");
      ch.notes().forEach(notes::add);
    }
    for (ResourceId id : r.released()) {
      ObjectNode res =
          ((ArrayNode) env(envs, envArray, id.environment()).get("resources")).addObject();
      resource(res, id);
      res.put("action", "released").put("note", "no longer managed: left as it is live");
    }
    for (PlanError e : r.result().plan().errors()) {
      ObjectNode err =
          ((ArrayNode) env(envs, envArray, e.id().environment()).get("errors")).addObject();
      resource(err, e.id());
      err.put("file", e.source().file()).put("line", e.source().line()).put("message", e.message());
    }
    ArrayNode drift = root.putArray("drift");
    for (PlanReport.Drift d : r.drift()) {
      ObjectNode o = drift.addObject();
      resource(o, d.id());
      o.put("field", d.field()).put("live", d.live()).put("git", d.base());
    }
    scrub(root);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Scrubs every string value in place (a whole-document scrub could eat JSON syntax). */
  private static void scrub(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        var v = o.get(n);
        if (v.isTextual()) o.put(n, Scrubber.scrub(v.asText()));
        else scrub(v);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) a.set(i, a.textNode(Scrubber.scrub(a.get(i).asText())));
        else scrub(a.get(i));
      }
    }
  }

  private static ObjectNode env(Map<String, ObjectNode> envs, ArrayNode array, String name) {
    return envs.computeIfAbsent(
        name,
        n -> {
          ObjectNode o = array.addObject().put("name", n);
          o.putArray("resources");
          o.putArray("errors");
          return o;
        });
  }

  private static void resource(ObjectNode o, ResourceId id) {
    o.put("environment", id.environment()).put("kind", id.kind()).put("name", id.name());
  }
}
