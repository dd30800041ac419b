package dev.pointsman.policy;

import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.ReleasePolicy;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether an environment's release policy lets a planned change through now. Pure: the
 * ledger says what served where and since when; the clock is handed in.
 *
 * <ul>
 *   <li>Freeze: nothing changes while a window is open, but a rollback (every artifact of the
 *       change served this pointer before) unless {@code allowRollbackDuringFreeze: false}.
 *   <li>Promotion: a change that moves the pointer to an artifact it never served needs that
 *       artifact to have served the paired pointer (same kind and metadata.name) of {@code from}
 *       for {@code soak}, without an aborted rollout of it there since.
 *   <li>Override: a commit with the {@code Pointsman-Override} trailer goes through both (the pass
 *       has already refused commits whose signature a protected environment does not trust).
 * </ul>
 */
public final class PolicyGate {
  /** Fields that move a pointer to another artifact (the rest only configure it). */
  private static final Pattern ARTIFACT_FIELD =
      Pattern.compile("(?i).*(version|routing|deploymentid|image|code)");

  /** Let through, held (why), or let through only because the commit overrides (what it skips). */
  public sealed interface Verdict {}

  public record Allow() implements Verdict {}

  public record Hold(String reason) implements Verdict {}

  public record Overridden(String wouldHold) implements Verdict {}

  private PolicyGate() {}

  public static Verdict decide(
      Change change,
      Environment env,
      Map<String, Environment> environments,
      Ledger ledger,
      Instant now,
      Commit commit) {
    ReleasePolicy policy = env.policy();
    if (policy.isNone() || change.action() == Action.NONE) return new Allow();
    Optional<String> why = reason(change, env, environments, ledger, now);
    if (why.isEmpty()) return new Allow();
    return commit.override().isPresent() ? new Overridden(why.get()) : new Hold(why.get());
  }

  private static Optional<String> reason(
      Change change,
      Environment env,
      Map<String, Environment> environments,
      Ledger ledger,
      Instant now) {
    ReleasePolicy policy = env.policy();
    DesiredResource d = change.desired();
    String key = Ledger.key(env.name(), d.id().kind(), d.metadataName());
    List<String> artifacts = d.artifacts();
    boolean rollback = artifacts.stream().allMatch(a -> ledger.servedBefore(key, a));
    Optional<Instant> frozen = policy.frozenUntil(now);
    if (frozen.isPresent() && !(rollback && policy.allowRollbackDuringFreeze())) {
      return Optional.of(
          env.name()
              + " is frozen until "
              + frozen.get()
              + (rollback ? " (rollbacks too: allowRollbackDuringFreeze is false)" : ""));
    }
    if (policy.from().isEmpty() || rollback || !movesArtifact(change)) return Optional.empty();
    String from = policy.from().get();
    if (!environments.containsKey(from)) return Optional.empty(); // rejected at validation
    String fromKey = Ledger.key(from, d.id().kind(), d.metadataName());
    for (String artifact : artifacts) {
      if (ledger.servedBefore(key, artifact)) continue;
      Optional<Duration> served = ledger.servedFor(fromKey, artifact, now);
      String what = d.metadataName() + " " + artifact;
      if (served.isEmpty()) return Optional.of(what + " has not served " + from + " yet");
      if (served.get().compareTo(policy.soak()) < 0) {
        // Stable while it waits (chat tells a hold once): when it started serving, when it may go.
        Instant since = now.minus(served.get()).truncatedTo(ChronoUnit.SECONDS);
        boolean aborted =
            ledger.lastAbort(fromKey, artifact).filter(a -> !a.isBefore(since)).isPresent();
        return Optional.of(
            what
                + " has served "
                + from
                + (aborted ? " since a rollout of it was aborted there at " : " since ")
                + since
                + "; with a soak of "
                + minutes(policy.soak())
                + " it may go at "
                + since.plus(policy.soak()));
      }
    }
    return Optional.empty();
  }

  static boolean movesArtifact(Change c) {
    if (c.action() == Action.CREATE) return true;
    for (FieldChange f : c.fields()) if (ARTIFACT_FIELD.matcher(f.field()).matches()) return true;
    return false;
  }

  private static String minutes(Duration d) {
    long s = d.toSeconds();
    if (s < 120) return s + " s";
    long m = d.toMinutes();
    return m < 120 ? m + " minutes" : (m / 60) + " h " + (m % 60) + " min";
  }
}
