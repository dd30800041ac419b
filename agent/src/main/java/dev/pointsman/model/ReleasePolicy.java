package dev.pointsman.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * An environment's release policy: artifacts come from {@code from} only after serving it for
 * {@code soak} without an aborted rollout there; nothing changes during a freeze (a rollback
 * excepted, unless {@code allowRollbackDuringFreeze} is false).
 */
public record ReleasePolicy(
    Optional<String> from, Duration soak, List<Freeze> freezes, boolean allowRollbackDuringFreeze) {
  public static final ReleasePolicy NONE =
      new ReleasePolicy(Optional.empty(), Duration.ZERO, List.of(), true);

  public ReleasePolicy {
    freezes = List.copyOf(freezes);
  }

  public boolean isNone() {
    return from.isEmpty() && freezes.isEmpty();
  }

  /** The freeze {@code at} falls in, if any, and when it ends. */
  public Optional<Instant> frozenUntil(Instant at) {
    Optional<Instant> until = Optional.empty();
    for (Freeze f : freezes) {
      Optional<Instant> end = f.endIfFrozen(at);
      if (end.isPresent() && (until.isEmpty() || end.get().isAfter(until.get()))) until = end;
    }
    return until;
  }

  /** A window in which no change is applied. */
  public sealed interface Freeze {
    /** When the freeze that covers {@code at} ends; empty when {@code at} is outside it. */
    Optional<Instant> endIfFrozen(Instant at);
  }

  /** From one instant until another. */
  public record Window(Instant from, Instant until) implements Freeze {
    @Override
    public Optional<Instant> endIfFrozen(Instant at) {
      return !at.isBefore(from) && at.isBefore(until) ? Optional.of(until) : Optional.empty();
    }
  }

  /**
   * Every week, from a day and time to a day and time, in a time zone ("Fri 16:00 - Mon 08:00").
   */
  public record Weekly(
      DayOfWeek startDay, LocalTime start, DayOfWeek endDay, LocalTime end, ZoneId zone)
      implements Freeze {
    @Override
    public Optional<Instant> endIfFrozen(Instant at) {
      ZonedDateTime now = at.atZone(zone);
      // The latest start at or before now; the window is open when now is before its end.
      ZonedDateTime startThisWeek =
          now.with(TemporalAdjusters.previousOrSame(startDay))
              .with(start)
              .truncatedTo(ChronoUnit.MINUTES);
      if (startThisWeek.isAfter(now)) startThisWeek = startThisWeek.minusWeeks(1);
      ZonedDateTime endAfterStart =
          startThisWeek.with(TemporalAdjusters.nextOrSame(endDay)).with(end);
      if (!endAfterStart.isAfter(startThisWeek)) endAfterStart = endAfterStart.plusWeeks(1);
      return now.isBefore(endAfterStart)
          ? Optional.of(endAfterStart.toInstant())
          : Optional.empty();
    }
  }
}
