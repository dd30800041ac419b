package dev.pointsman.forge;

/** Commit-status descriptions: forges cut them at 140 characters. */
final class Descriptions {
  private Descriptions() {}

  static String clip(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= 140 ? one : one.substring(0, 139) + "…";
  }
}
