package dev.pointsman.plan;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;

/**
 * Turns what Git declares into what this pass should make live (a progressive rollout routes part
 * of the traffic first). {@code onApply} records the decision; it runs only when the pass is
 * applied.
 */
public interface Shaper<D extends DesiredResource, O> {
  Shaped<D> shape(Environment env, D desired, O observed);

  /** The effective desired resource for this pass. */
  record Shaped<D>(D effective, Runnable onApply, boolean inProgress) {
    public static <D> Shaped<D> as(D desired) {
      return new Shaped<>(desired, () -> {}, false);
    }
  }

  /** Git's declaration, unchanged. */
  static <D extends DesiredResource, O> Shaper<D, O> identity() {
    return (env, desired, observed) -> Shaped.as(desired);
  }
}
