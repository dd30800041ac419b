package dev.pointsman.manifest;

/**
 * A validation failure a user can act on: {@code prod/orders.yaml:12: spec.routing.weight: expected
 * a number from 0 to 100, found 150}. Line 0 means the whole file.
 */
public record ManifestError(String file, int line, String field, String message) {
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line : file;
    return field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
  }
}
