package dev.pointsman.model;

import java.time.Instant;
import java.util.Optional;

/** The Git commit a desired state was read from. */
public record Commit(
    String sha, String author, String subject, Instant time, Optional<String> override) {
  /** The commit trailer that lets one commit through a freeze or a promotion rule. */
  public static final String OVERRIDE_TRAILER = "Pointsman-Override";

  public Commit(String sha, String author, String subject, Instant time) {
    this(sha, author, subject, time, Optional.empty());
  }

  public String shortSha() {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  @Override
  public String toString() {
    return shortSha() + " (" + author + ": " + subject + ")";
  }
}
