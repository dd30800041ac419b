package dev.pointsman.model;

import java.util.Optional;

/**
 * One file under the manifests root, path relative to that root with '/' separators. Sources (a
 * directory, a Git tree) produce these and read at most {@link #MAX_BYTES} + 1 bytes of each; the
 * loader never touches the filesystem itself. A source that will not read a file (a symbolic link,
 * say) passes it on as refused so the loader reports it.
 */
public record ManifestFile(String path, byte[] content, Optional<String> refusal) {
  public static final int MAX_BYTES = 1024 * 1024;

  public ManifestFile(String path, byte[] content) {
    this(path, content, Optional.empty());
  }

  public static ManifestFile refused(String path, String reason) {
    return new ManifestFile(path, new byte[0], Optional.of(reason));
  }
}
