package dev.pointsman.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  private Durations() {}

  public static Optional<Duration> parse(String text) {
    String v = text.trim();
    Matcher m = SIMPLE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          });
    }
    try {
      return Optional.of(Duration.parse(v));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
