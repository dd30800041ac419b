package dev.pointsman.aws;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Whose AWS calls the current thread makes. By default a commit pass's (or a command's): first in
 * line for every rate limit. Inside {@link #background} (the drift sweep) calls give way: they take
 * only the budget nobody in the foreground waits for, repay what the foreground borrowed from them,
 * and stop (fail fast) once {@code yieldWanted} says a push is waiting, so that the caller can put
 * its work back and run it later.
 */
public final class CallLane {
  private static final ThreadLocal<Background> CURRENT = new ThreadLocal<>();

  private CallLane() {}

  /** Background work on this thread until the returned lane is closed. */
  public static Background background(BooleanSupplier yieldWanted) {
    Background lane = new Background(yieldWanted, CURRENT.get());
    CURRENT.set(lane);
    return lane;
  }

  /** The background lane of this thread, if any. */
  static Optional<Background> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** True when this thread's calls are a commit pass's (or a command's), not background work. */
  public static boolean foreground() {
    return CURRENT.get() == null;
  }

  /** True when this thread's background lane gave way to a push (its failures are not failures). */
  public static boolean gaveWay() {
    Background lane = CURRENT.get();
    return lane != null && lane.yielded();
  }

  /** {@code task} run in the caller's lane, whichever thread runs it (for reader pools). */
  public static <T> Callable<T> carried(Callable<T> task) {
    Background lane = CURRENT.get();
    if (lane == null) return task;
    return () -> {
      Background before = CURRENT.get();
      CURRENT.set(lane);
      try {
        return task.call();
      } finally {
        if (before == null) CURRENT.remove();
        else CURRENT.set(before);
      }
    };
  }

  /** One stretch of background work. */
  public static final class Background implements AutoCloseable {
    private final BooleanSupplier yieldWanted;
    private final Background outer;
    private volatile boolean yielding = true;
    private volatile boolean yielded;

    private Background(BooleanSupplier yieldWanted, Background outer) {
      this.yieldWanted = yieldWanted;
      this.outer = outer;
    }

    /** From now on calls still give way to the foreground's budget but no longer stop. */
    public void stopYielding() {
      yielding = false;
    }

    /** True once a call of this lane was refused because a push was waiting. */
    public boolean yielded() {
      return yielded;
    }

    /** Whether the next call must stop; remembers that it did. */
    boolean mustYield() {
      if (yielding && yieldWanted.getAsBoolean()) {
        yielded = true;
        return true;
      }
      return false;
    }

    @Override
    public void close() {
      if (outer == null) CURRENT.remove();
      else CURRENT.set(outer);
    }
  }
}
