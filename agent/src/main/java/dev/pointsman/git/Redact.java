package dev.pointsman.git;

import java.util.regex.Pattern;

/** Removes credentials embedded in URLs (https://user:token@host) from text bound for logs. */
public final class Redact {
  private static final Pattern USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

  private Redact() {}

  public static String urls(String text) {
    return text == null ? "" : USERINFO.matcher(text).replaceAll("$1****@");
  }
}
