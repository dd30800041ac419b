package dev.pointsman.model;

import java.math.BigDecimal;

/**
 * A traffic weight in percent (0–100) as written in Git, kept as an exact decimal so that comparing
 * it with the fraction AWS stores never suffers from binary floating-point noise.
 */
public record Percent(BigDecimal value) {
  public static final BigDecimal MAX = BigDecimal.valueOf(100);

  public Percent {
    if (value.signum() < 0 || value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("percent must be within 0..100: " + value);
    }
    value = value.stripTrailingZeros();
  }

  public static Percent of(String decimal) {
    return new Percent(new BigDecimal(decimal));
  }

  /** The same weight as AWS Lambda stores it: a fraction 0.0–1.0. */
  public BigDecimal fraction() {
    return value.movePointLeft(2);
  }

  /** The weight AWS reports as a double fraction, read through its shortest decimal form. */
  public static Percent fromFraction(double fraction) {
    return new Percent(BigDecimal.valueOf(fraction).movePointRight(2));
  }

  @Override
  public String toString() {
    return value.toPlainString() + "%";
  }
}
