package dev.pointsman.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a notification as Slack Block Kit, a Teams Adaptive Card, or Pointsman's own JSON. */
public final class Payloads {
  static final ObjectMapper JSON = new ObjectMapper();
  public static final String SCHEMA = "pointsman.dev/notification/v1";

  private Payloads() {}

  /** Slack incoming webhook: a header, the facts as section fields, the commit as context. */
  public static ObjectNode slack(Notification n) {
    ObjectNode root = JSON.createObjectNode().put("text", slackText(n.title()));
    ArrayNode blocks = root.putArray("blocks");
    blocks
        .addObject()
        .put("type", "header")
        .putObject("text")
        .put("type", "plain_text")
        .put("text", clip(n.title(), 150));
    for (int i = 0; i < n.facts().size(); i += 10) {
      ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
      n.facts()
          .subList(i, Math.min(i + 10, n.facts().size()))
          .forEach(
              f ->
                  fields
                      .addObject()
                      .put("type", "mrkdwn")
                      .put("verbatim", true)
                      .put("text", "*" + f.name() + "*\n" + slackText(clip(f.value(), 1900))));
    }
    n.commit()
        .ifPresent(
            c -> {
              String sha =
                  c.url().map(u -> "<" + u + "|" + c.shortSha() + ">").orElse(c.shortSha());
              blocks
                  .addObject()
                  .put("type", "context")
                  .putArray("elements")
                  .addObject()
                  .put("type", "mrkdwn")
                  .put("verbatim", true)
                  .put(
                      "text",
                      "Commit "
                          + sha
                          + " · "
                          + slackText(c.subject())
                          + " · "
                          + slackText(c.author()));
            });
    return root;
  }

  /** Microsoft Teams incoming webhook or workflow: one Adaptive Card. */
  public static ObjectNode teams(Notification n) {
    ObjectNode root = JSON.createObjectNode().put("type", "message");
    ObjectNode card =
        root.putArray("attachments")
            .addObject()
            .put("contentType", "application/vnd.microsoft.card.adaptive")
            .putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard")
        .put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("text", teamsText(n.title()))
        .put("weight", "Bolder")
        .put("size", "Medium")
        .put("wrap", true);
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    n.facts()
        .forEach(f -> facts.addObject().put("title", f.name()).put("value", teamsText(f.value())));
    n.commit()
        .ifPresent(
            c -> {
              facts
                  .addObject()
                  .put("title", "Commit")
                  .put(
                      "value",
                      c.shortSha()
                          + " "
                          + teamsText(c.subject())
                          + " ("
                          + teamsText(c.author())
                          + ")");
              c.url()
                  .ifPresent(
                      u ->
                          card.putArray("actions")
                              .addObject()
                              .put("type", "Action.OpenUrl")
                              .put("title", "View commit")
                              .put("url", u));
            });
    return root;
  }

  /** The generic webhook's documented schema (docs/notifications.md). */
  public static ObjectNode generic(Notification n) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("schema", SCHEMA)
            .put("type", n.type().wireName())
            .put("title", n.title())
            .put("time", n.time().toString());
    ObjectNode facts = root.putObject("facts");
    n.facts().forEach(f -> facts.put(f.name(), f.value()));
    n.commit()
        .ifPresent(
            c -> {
              ObjectNode commit =
                  root.putObject("commit")
                      .put("sha", c.sha())
                      .put("subject", c.subject())
                      .put("author", c.author());
              c.url().ifPresent(u -> commit.put("url", u));
            });
    return root;
  }

  /**
   * Text from Git, a manifest or AWS as literal Slack mrkdwn: {@code &}, {@code <} and {@code >}
   * escaped as Slack requires, so {@code <!channel>} pings nobody and {@code <url|label>} is no
   * disguised link (the text objects are also marked verbatim: no auto-linking of names).
   */
  static String slackText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Text as literal Adaptive Card Markdown: every character Markdown gives a meaning to is
   * backslash-escaped, so {@code [label](url)} is no link and {@code **x**} no emphasis.
   */
  static String teamsText(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (char ch : s.toCharArray()) {
      if ("\\`*_[]()~".indexOf(ch) >= 0) out.append('\\');
      out.append(ch);
    }
    return out.toString();
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
