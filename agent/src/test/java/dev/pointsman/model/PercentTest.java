package dev.pointsman.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PercentTest {
  @Test
  void percentInGitEqualsTheFractionAwsStoresWithoutFloatNoise() {
    assertThat(Percent.fromFraction(0.1)).isEqualTo(Percent.of("10"));
    assertThat(Percent.fromFraction(0.333)).isEqualTo(Percent.of("33.3"));
    assertThat(Percent.fromFraction(0.125)).isEqualTo(Percent.of("12.50"));
    assertThat(Percent.fromFraction(0.0)).isEqualTo(Percent.of("0.0"));
    assertThat(Percent.fromFraction(1.0)).isEqualTo(Percent.of("100"));
  }

  @Test
  void aFractionThatIsNotExactlyTheDeclaredPercentIsADifference() {
    assertThat(Percent.fromFraction(0.1 + 0.2)).isNotEqualTo(Percent.of("30"));
  }

  @Test
  void theFractionSentToAwsIsTheExactDecimal() {
    assertThat(Percent.of("12.5").fraction()).isEqualByComparingTo(new BigDecimal("0.125"));
    assertThat(Percent.of("10").fraction().doubleValue()).isEqualTo(0.1);
  }

  @Test
  void weightsOutsideZeroToHundredAreRejected() {
    assertThatThrownBy(() -> Percent.of("100.0001")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percent.of("-0.5")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void printsAsWritten() {
    assertThat(Percent.of("10.0")).hasToString("10%");
    assertThat(Percent.of("12.5")).hasToString("12.5%");
  }
}
