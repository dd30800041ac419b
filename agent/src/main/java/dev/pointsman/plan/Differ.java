package dev.pointsman.plan;

import dev.pointsman.model.DesiredResource;

/**
 * Compares one desired resource with what was observed live. Pure: no I/O, no clock. One
 * implementation per manifest kind.
 */
public interface Differ<D extends DesiredResource, O> {
  Diff diff(D desired, O observed);
}
