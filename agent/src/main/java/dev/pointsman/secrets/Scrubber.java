package dev.pointsman.secrets;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Last line of defence before anything leaves the process: removes what looks like a secret value
 * (keys, tokens, passwords, credentials in URLs, webhook URLs). Pointsman never reads secret
 * values, but commit subjects and error messages are free text written by others.
 */
public final class Scrubber {
  private static final List<Rule> RULES =
      List.of(
          new Rule(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), "****"),
          new Rule(
              Pattern.compile(
                  // Not inside an ARN or path (":secret:name" of a Secrets Manager ARN is a name).
                  "(?i)(?<![:/])\\b(password|passwd|secret|token|api[_-]?key|authorization)(\\s*[:=]\\s*)\\S+"),
              "$1$2****"),
          new Rule(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+"), "Bearer ****"),
          new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@"), "$1****@"),
          new Rule(
              Pattern.compile("https://hooks\\.slack\\.com/\\S+"), "https://hooks.slack.com/****"),
          new Rule(
              Pattern.compile("https://[\\w.-]+\\.(webhook\\.office|logic\\.azure)\\.com/\\S+"),
              "https://****"),
          new Rule(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}\\b"), "****"),
          new Rule(Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"), "****"));

  private Scrubber() {}

  public static String scrub(String text) {
    if (text == null) return "";
    String out = text;
    for (Rule r : RULES) out = r.pattern.matcher(out).replaceAll(r.replacement);
    return out;
  }

  private record Rule(Pattern pattern, String replacement) {}
}
