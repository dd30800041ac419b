package dev.pointsman.adopt;

/**
 * Something import did not write, or wrote although it needs a look, with the reason a user can act
 * on. {@code NOT_IMPORTABLE} means the selected resource could not be written so that it plans as
 * converged; {@code MANAGED} is a deliberate skip (another controller owns it).
 */
public record Finding(String resource, Type type, String message) {
  public enum Type {
    NOT_IMPORTABLE,
    MANAGED,
    WARNING
  }

  static Finding skipped(String resource, String message) {
    return new Finding(resource, Type.NOT_IMPORTABLE, message);
  }

  static Finding managed(String resource, String manager) {
    return new Finding(
        resource,
        Type.MANAGED,
        "managed by "
            + manager
            + "; two controllers moving one pointer is drift forever (--include-managed imports it"
            + " anyway)");
  }

  static Finding warning(String resource, String message) {
    return new Finding(resource, Type.WARNING, message);
  }

  @Override
  public String toString() {
    String what =
        switch (type) {
          case NOT_IMPORTABLE -> "not imported";
          case MANAGED -> "skipped";
          case WARNING -> "warning";
        };
    return what + ": " + resource + ": " + message;
  }
}
