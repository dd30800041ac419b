package dev.pointsman.notify;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.drift.DriftEvent;
import dev.pointsman.drift.OpenDrift;
import dev.pointsman.manifest.ManifestError;
import dev.pointsman.model.Commit;
import dev.pointsman.model.ResourceId;
import dev.pointsman.rollout.RolloutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the chat messages the agent sends, from what it found and did. */
public final class Messages {
  private final String repoUrl;

  public Messages(String repoUrl) {
    this.repoUrl = repoUrl;
  }

  public Notification.CommitRef ref(Commit c) {
    return new Notification.CommitRef(
        c.sha(), c.subject(), c.author(), CommitLinks.of(repoUrl, c.sha()));
  }

  private Notification.CommitRef ref(String sha) {
    return new Notification.CommitRef(sha, "", "", CommitLinks.of(repoUrl, sha));
  }

  public Notification drift(DriftEvent event, Instant now) {
    OpenDrift o = event.open();
    ResourceId r = o.drift().resource();
    List<Notification.Fact> facts =
        new ArrayList<>(
            List.of(
                new Notification.Fact("Environment", r.environment()),
                new Notification.Fact("Resource", r.kind() + " " + r.name()),
                new Notification.Fact("Field", o.drift().field()),
                new Notification.Fact("Git", o.drift().desired()),
                new Notification.Fact("Live", o.drift().live()),
                new Notification.Fact("First seen", o.firstSeen().toString())));
    if (event instanceof DriftEvent.Resolved resolved) {
      facts.add(new Notification.Fact("Resolved", resolved.reason()));
      return new Notification(
          Notification.Type.DRIFT_RESOLVED,
          "Drift resolved: "
              + r.environment()
              + " "
              + r.kind()
              + " "
              + r.name()
              + " "
              + o.drift().field(),
          facts,
          Optional.of(ref(o.commit())),
          now);
    }
    facts.add(new Notification.Fact("Action", o.action()));
    o.who().ifPresent(w -> facts.add(new Notification.Fact("Who", w.describe())));
    return new Notification(
        Notification.Type.DRIFT_APPEARED,
        "Drift: "
            + r.environment()
            + " "
            + r.kind()
            + " "
            + r.name()
            + " "
            + o.drift().field()
            + " is "
            + o.drift().live()
            + " live, "
            + o.drift().desired()
            + " in Git"
            + o.who()
                .filter(w -> w.known())
                .map(w -> " (changed by " + w.principal() + ")")
                .orElse(""),
        facts,
        Optional.of(ref(o.commit())),
        now);
  }

  /** A promotion or rollback that was applied: what moved, from what to what. */
  public Notification applied(Commit commit, List<ApplyResult> results, Instant now) {
    boolean rollback =
        commit.subject().startsWith("Revert ") || commit.subject().startsWith("Rollback");
    List<Notification.Fact> facts = new ArrayList<>();
    for (ApplyResult r : results) {
      facts.add(
          new Notification.Fact(
              (r.failed() ? "FAILED " : "")
                  + r.change().id().environment()
                  + " "
                  + r.change().id().kind()
                  + " "
                  + r.change().id().name(),
              r.change().fields().stream().map(Object::toString).collect(Collectors.joining(", "))
                  + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")")));
    }
    String verb = rollback ? "Rollback" : "Promotion";
    return new Notification(
        rollback ? Notification.Type.ROLLBACK : Notification.Type.PROMOTION,
        verb
            + " applied: "
            + results.size()
            + " change(s) from "
            + commit.shortSha()
            + " by "
            + commit.author(),
        facts,
        Optional.of(ref(commit)),
        now);
  }

  public Notification rejected(Commit commit, List<ManifestError> errors, Instant now) {
    List<Notification.Fact> facts = new ArrayList<>();
    errors.stream()
        .limit(20)
        .forEach(
            e ->
                facts.add(
                    new Notification.Fact(
                        e.file() + (e.line() > 0 ? ":" + e.line() : ""),
                        (e.field().isEmpty() ? "" : e.field() + ": ") + e.message())));
    if (errors.size() > 20) facts.add(new Notification.Fact("…", (errors.size() - 20) + " more"));
    return new Notification(
        Notification.Type.COMMIT_REJECTED,
        "Commit "
            + commit.shortSha()
            + " rejected: "
            + errors.size()
            + " validation error(s); nothing applied, the last good commit stays live",
        facts,
        Optional.of(ref(commit)),
        now);
  }

  public Notification failure(String key, String message, boolean resolved, Instant now) {
    return new Notification(
        resolved ? Notification.Type.FAILURE_RESOLVED : Notification.Type.FAILURE_PERSISTS,
        (resolved ? "Resolved: " : "Failing: ") + key,
        List.of(new Notification.Fact("Problem", message)),
        Optional.empty(),
        now);
  }

  /** Pointers a commit stopped declaring: Pointsman leaves them as they are live. */
  public Notification released(Commit commit, List<ResourceId> ids, Instant now) {
    List<Notification.Fact> facts = new ArrayList<>();
    for (ResourceId id : ids)
      facts.add(
          new Notification.Fact(
              id.environment() + " " + id.kind() + " " + id.name(),
              "no longer managed: left as it is live"));
    return new Notification(
        Notification.Type.RELEASED,
        "No longer managed: " + ids.size() + " pointer(s) removed from Git by " + commit.shortSha(),
        facts,
        Optional.of(ref(commit)),
        now);
  }

  /** A verification hook failed: the change is held until Git changes. */
  public Notification hookFailed(ResourceId id, String title, String detail, Instant now) {
    return new Notification(
        Notification.Type.HOOK_FAILED,
        title + ": " + id.environment() + " " + id.kind() + " " + id.name(),
        List.of(
            new Notification.Fact("Environment", id.environment()),
            new Notification.Fact("Resource", id.kind() + " " + id.name()),
            new Notification.Fact("Result", detail)),
        Optional.empty(),
        now);
  }

  /** A change Pointsman holds (not applied by itself until Git changes), and why. */
  public Notification held(ResourceId id, String why, Instant now) {
    return new Notification(
        Notification.Type.CHANGE_HELD,
        "Held: " + id.environment() + " " + id.kind() + " " + id.name(),
        List.of(
            new Notification.Fact("Environment", id.environment()),
            new Notification.Fact("Resource", id.kind() + " " + id.name()),
            new Notification.Fact("Why", why)),
        Optional.empty(),
        now);
  }

  /**
   * A commit's {@code Pointsman-Override} trailer let changes through that the release policy would
   * have held: who, why, and what.
   */
  public Notification overridden(Commit commit, List<String> changes, Instant now) {
    List<Notification.Fact> facts = new ArrayList<>();
    facts.add(new Notification.Fact("Reason", commit.override().orElse("")));
    facts.add(new Notification.Fact("Author", commit.author()));
    for (String c : changes) facts.add(new Notification.Fact("Let through", c));
    return new Notification(
        Notification.Type.POLICY_OVERRIDDEN,
        "Release policy overridden by " + commit.author() + ": " + commit.override().orElse(""),
        facts,
        Optional.of(ref(commit.sha())),
        now);
  }

  /** A rollout started, moved a step, was aborted, paused, resumed or completed. */
  public Notification rollout(RolloutStatus r, String event, Instant now) {
    List<Notification.Fact> facts =
        new ArrayList<>(
            List.of(
                new Notification.Fact("Environment", r.environment()),
                new Notification.Fact("Resource", r.kind() + " " + r.name()),
                new Notification.Fact("Event", event)));
    if (r.state() != null) {
      facts.add(new Notification.Fact("Target", r.state().target()));
      facts.add(
          new Notification.Fact(
              "Step", (r.state().step() + 1) + " of " + r.steps() + " (" + r.weight() + ")"));
    }
    if (!r.alarms().isEmpty()) {
      facts.add(new Notification.Fact("Alarms", String.join(", ", r.alarms())));
      for (String a : r.alarming()) {
        String name = a.split(" ")[0];
        facts.add(
            new Notification.Fact(
                "Alarm " + name,
                "https://console.aws.amazon.com/cloudwatch/home?region="
                    + r.region()
                    + "#alarmsV2:alarm/"
                    + name));
      }
    }
    return new Notification(
        Notification.Type.ROLLOUT,
        "Rollout " + r.environment() + " " + r.kind() + " " + r.name() + ": " + event,
        facts,
        Optional.empty(),
        now);
  }
}
