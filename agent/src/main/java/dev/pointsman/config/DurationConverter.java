package dev.pointsman.config;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or
 * ISO-8601.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "expected a duration such as 500ms, 30s, 5m or 1h, found '" + value + "'"));
  }
}
