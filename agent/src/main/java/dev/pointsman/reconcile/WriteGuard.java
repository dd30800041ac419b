package dev.pointsman.reconcile;

import java.util.Optional;

/**
 * Asked before every write to AWS: empty when this agent may write now, otherwise why not (a
 * replica that lost its lease in the middle of a long pass stops writing at the next call).
 */
@FunctionalInterface
public interface WriteGuard {
  Optional<String> refusal();

  WriteGuard ALWAYS = Optional::empty;
}
