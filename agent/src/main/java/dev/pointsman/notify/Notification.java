package dev.pointsman.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One chat message, independent of the chat service: a type, a one-line title, labelled facts and
 * the commit it concerns. Every notifier renders the same content.
 */
public record Notification(
    Type type, String title, List<Fact> facts, Optional<CommitRef> commit, Instant time) {
  public Notification {
    facts = List.copyOf(facts);
  }

  public enum Type {
    DRIFT_APPEARED("drift.appeared"),
    DRIFT_RESOLVED("drift.resolved"),
    PROMOTION("change.promotion"),
    ROLLBACK("change.rollback"),
    COMMIT_REJECTED("commit.rejected"),
    FAILURE_PERSISTS("failure.persists"),
    FAILURE_RESOLVED("failure.resolved"),
    ROLLOUT("rollout.event"),
    CHANGE_HELD("change.held"),
    POLICY_OVERRIDDEN("change.override"),
    RELEASED("change.released"),
    HOOK_FAILED("hook.failed");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** A labelled value, e.g. ("Environment", "prod"). */
  public record Fact(String name, String value) {}

  /** The commit a message is about, with a web link when the repository URL allows one. */
  public record CommitRef(String sha, String subject, String author, Optional<String> url) {
    public String shortSha() {
      return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
  }

  /** The same message with every text passed through {@code scrub}. */
  public Notification map(UnaryOperator<String> scrub) {
    return new Notification(
        type,
        scrub.apply(title),
        facts.stream().map(f -> new Fact(f.name(), scrub.apply(f.value()))).toList(),
        commit.map(
            c ->
                new CommitRef(c.sha(), scrub.apply(c.subject()), scrub.apply(c.author()), c.url())),
        time);
  }
}
