package dev.pointsman.model;

/**
 * Where a manifest value came from: a file path relative to the manifests root and a 1-based line.
 */
public record Source(String file, int line) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
