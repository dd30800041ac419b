package dev.pointsman.plan;

/** One owned field whose live value differs from Git; {@code from} is "none" when absent live. */
public record FieldChange(String field, String from, String to) {
  @Override
  public String toString() {
    return field + " " + from + " → " + to;
  }
}
