package dev.pointsman.git;

/** A secret string that cannot leak through toString, logs or exception messages. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
