package dev.pointsman.http;

import dev.pointsman.git.Secret;
import dev.pointsman.plan.rollout.RolloutState;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStatus;
import dev.pointsman.rollout.RolloutStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Emergency controls without a commit: {@code POST
 * /api/rollouts/<env>/<kind>/<name>/<pause|resume|abort>} with {@code Authorization: Bearer
 * <token>}. Recorded in the rollout's status (and so in chat at the next pass); the loop is
 * triggered at once.
 */
final class RolloutControls {
  static final String PREFIX = "/api/rollouts/";
  private final RolloutStore store;
  private final Optional<Secret> token;
  private final Runnable trigger;
  private final RolloutEvents events;

  RolloutControls(
      RolloutStore store, Optional<Secret> token, Runnable trigger, RolloutEvents events) {
    this.store = store;
    this.token = token;
    this.trigger = trigger;
    this.events = events;
  }

  record Response(int status, String body) {}

  Response handle(String path, String authorization) {
    if (store == null || token.isEmpty())
      return new Response(403, "rollout controls are disabled: no control token configured");
    String expected = "Bearer " + token.get().reveal();
    if (authorization == null
        || !MessageDigest.isEqual(
            authorization.getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8))) {
      return new Response(401, "invalid or missing bearer token");
    }
    String rest = path.substring(PREFIX.length());
    int cut = rest.lastIndexOf('/');
    if (cut < 0)
      return new Response(404, "expected " + PREFIX + "<env>/<kind>/<name>/<pause|resume|abort>");
    String key = rest.substring(0, cut);
    String action = rest.substring(cut + 1);
    Optional<RolloutStatus> rollout = store.get(key);
    if (rollout.isEmpty() || rollout.get().state() == null)
      return new Response(404, "no rollout in progress for " + key);
    RolloutState s = rollout.get().state();
    RolloutState next;
    switch (action) {
      case "pause" -> next = s.with(RolloutState.Status.PAUSED, "paused by operator");
      case "resume" -> next = s.with(RolloutState.Status.RUNNING, "resumed by operator");
      case "abort" -> next = s.with(RolloutState.Status.ABORTED, "aborted by operator");
      default -> {
        return new Response(404, "unknown action " + action + "; expected pause, resume or abort");
      }
    }
    if (s.status() == RolloutState.Status.ABORTED)
      return new Response(409, key + " is already aborted; change it in Git to roll out again");
    RolloutStatus updated = rollout.get().with(next);
    store.put(updated);
    events.publish(updated, next.reason());
    trigger.run();
    return new Response(202, key + ": " + next.reason());
  }
}
