package dev.pointsman.model;

/** Result of reading the live state behind one desired resource. */
public sealed interface Observed<O> {
  record Ok<O>(O value) implements Observed<O> {}

  /** The read failed; {@code reason} says why in words a user can act on. */
  record Failed<O>(String reason) implements Observed<O> {}

  static <O> Observed<O> ok(O value) {
    return new Ok<>(value);
  }

  static <O> Observed<O> failed(String reason) {
    return new Failed<>(reason);
  }
}
