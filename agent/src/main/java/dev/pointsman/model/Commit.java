package dev.pointsman.model;

import java.time.Instant;

/** The Git commit a desired state was read from. */
public record Commit(String sha, String author, String subject, Instant time) {
  public String shortSha() {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  @Override
  public String toString() {
    return shortSha() + " (" + author + ": " + subject + ")";
  }
}
