package dev.pointsman.model;

import java.util.Optional;

/**
 * One file that differs between two commits, path relative to the manifests root: {@code file} is
 * its new content, empty when the commit deleted it; {@code existed} tells an edit from an
 * addition.
 */
public record FileChange(String path, boolean existed, Optional<ManifestFile> file) {
  public boolean deleted() {
    return file.isEmpty();
  }
}
