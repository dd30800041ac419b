package dev.pointsman.manifest;

import dev.pointsman.config.Durations;
import dev.pointsman.model.ReleasePolicy;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Environment's {@code promotion}, {@code freezes} and {@code allowRollbackDuringFreeze}: what
 * may be applied when. Rules across environments (the {@code from} environment exists, no cycle)
 * are checked by the loader once every environment is known.
 */
final class ReleasePolicyParser {
  private static final Pattern ANY = Pattern.compile("(?s).+");
  private static final Pattern WEEKLY =
      Pattern.compile(
          "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+([0-2][0-9]:[0-5][0-9])\\s*-\\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+([0-2][0-9]:[0-5][0-9])");
  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "Mon",
          DayOfWeek.MONDAY,
          "Tue",
          DayOfWeek.TUESDAY,
          "Wed",
          DayOfWeek.WEDNESDAY,
          "Thu",
          DayOfWeek.THURSDAY,
          "Fri",
          DayOfWeek.FRIDAY,
          "Sat",
          DayOfWeek.SATURDAY,
          "Sun",
          DayOfWeek.SUNDAY);

  private ReleasePolicyParser() {}

  static ReleasePolicy parse(Fields spec) {
    Optional<String> from = Optional.empty();
    Duration soak = Duration.ZERO;
    Optional<Fields> promotion = spec.object("promotion", false, "a mapping {from, soak}");
    if (promotion.isPresent()) {
      Fields p = promotion.get();
      p.rejectUnknown(Set.of("from", "soak"));
      from = p.string("from", true, Patterns.ENVIRONMENT_NAME, "the name of another environment");
      Optional<String> text = p.string("soak", false, ANY, "a duration such as 30m or 2h");
      if (text.isPresent()) {
        Optional<Duration> d = Durations.parse(text.get());
        if (d.isEmpty() || d.get().isNegative())
          p.failField("soak", "expected a duration such as 30m, 2h or PT45M, found " + text.get());
        else soak = d.get();
      }
    }
    List<ReleasePolicy.Freeze> freezes = new ArrayList<>();
    for (Fields f :
        spec.objects("freezes", false, "a list of windows ({from, until} or {weekly, timeZone})")) {
      freeze(f).ifPresent(freezes::add);
    }
    boolean rollback = spec.bool("allowRollbackDuringFreeze").orElse(true);
    return new ReleasePolicy(from, soak, freezes, rollback);
  }

  private static Optional<ReleasePolicy.Freeze> freeze(Fields f) {
    f.rejectUnknown(Set.of("from", "until", "weekly", "timeZone"));
    if (f.has("weekly")) {
      if (f.has("from") || f.has("until"))
        f.failField("weekly", "expected either weekly (with timeZone) or from and until, not both");
      Optional<String> weekly =
          f.string("weekly", true, ANY, "a weekly range such as \"Fri 16:00 - Mon 08:00\"");
      Optional<String> zone = f.string("timeZone", true, ANY, "a time zone such as Europe/Berlin");
      if (weekly.isEmpty() || zone.isEmpty()) return Optional.empty();
      ZoneId id;
      try {
        id = ZoneId.of(zone.get());
      } catch (DateTimeException e) {
        f.failField(
            "timeZone", "expected a time zone such as Europe/Berlin or UTC, found " + zone.get());
        return Optional.empty();
      }
      Matcher m = WEEKLY.matcher(weekly.get().strip());
      LocalTime start;
      LocalTime end;
      try {
        if (!m.matches()) throw new DateTimeParseException("", weekly.get(), 0);
        start = LocalTime.parse(m.group(2));
        end = LocalTime.parse(m.group(4));
      } catch (DateTimeParseException e) {
        f.failField(
            "weekly",
            "expected \"<Day> HH:MM - <Day> HH:MM\" with days Mon..Sun, such as \"Fri 16:00 - Mon"
                + " 08:00\", found "
                + weekly.get());
        return Optional.empty();
      }
      DayOfWeek startDay = DAYS.get(m.group(1));
      DayOfWeek endDay = DAYS.get(m.group(3));
      if (startDay == endDay && start.equals(end)) {
        f.failField(
            "weekly", "expected a range of some length, found one that ends where it starts");
        return Optional.empty();
      }
      return Optional.of(new ReleasePolicy.Weekly(startDay, start, endDay, end, id));
    }
    if (f.has("timeZone"))
      f.failField(
          "timeZone", "a time zone goes with weekly; from and until carry their own offset");
    Optional<Instant> from = instant(f, "from");
    Optional<Instant> until = instant(f, "until");
    if (from.isEmpty() || until.isEmpty()) return Optional.empty();
    if (!from.get().isBefore(until.get())) {
      f.failField("until", "expected a time after from (" + from.get() + "), found " + until.get());
      return Optional.empty();
    }
    return Optional.of(new ReleasePolicy.Window(from.get(), until.get()));
  }

  private static Optional<Instant> instant(Fields f, String name) {
    Optional<String> text =
        f.string(name, true, ANY, "a time with its offset, such as \"2026-12-24T00:00:00Z\"");
    if (text.isEmpty()) return Optional.empty();
    try {
      return Optional.of(OffsetDateTime.parse(text.get().toUpperCase(Locale.ROOT)).toInstant());
    } catch (DateTimeParseException e) {
      f.failField(
          name,
          "expected a time with its offset, such as \"2026-12-24T00:00:00Z\" or"
              + " \"2026-12-24T00:00:00+01:00\", found "
              + text.get());
      return Optional.empty();
    }
  }
}
