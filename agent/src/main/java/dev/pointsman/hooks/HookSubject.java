package dev.pointsman.hooks;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Hooks;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What hooks need to know of one kind: its hooks, the artifact that takes traffic live and the one
 * the change sends traffic to, whether the change gives the new artifact all traffic, the pointer
 * for the payload, and the desired state that puts back what served before (afterTraffic failed).
 */
public interface HookSubject<D extends DesiredResource, O> {
  Optional<Hooks> hooks(D desired);

  /** Artifacts serving traffic live (primary and canary), empty when the pointer is new. */
  Set<String> serving(O observed);

  /** The primary artifact live, if any. */
  Optional<String> live(O observed);

  /** The new artifact this desired state sends traffic to (the canary target during a rollout). */
  String target(D desired);

  /** True when this desired state gives {@link #target} all traffic. */
  boolean allTraffic(D desired);

  /** The pointer for the payload: {@code {function, alias}} or {@code {restApi, stage}}. */
  Map<String, String> pointer(D desired);

  /** The desired state that serves what {@code observed} served (empty when nothing did). */
  Optional<D> rollback(D desired, O observed);
}
