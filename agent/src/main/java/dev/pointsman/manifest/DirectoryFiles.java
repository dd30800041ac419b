package dev.pointsman.manifest;

import dev.pointsman.model.ManifestFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads manifests from a plain directory (a pull-request checkout, say) for {@code validate}.
 * Symbolic links are refused, never followed, so nothing outside the directory is read.
 */
public final class DirectoryFiles {
  private DirectoryFiles() {}

  public static List<ManifestFile> read(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("not a directory: " + root);
    }
    List<ManifestFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String relative = root.relativize(p).toString().replace('\\', '/');
        if (relative.isEmpty() || isUnderHidden(relative)) continue;
        if (Files.isSymbolicLink(p)) {
          files.add(ManifestFile.refused(relative, "symbolic links are not followed"));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && ManifestLoader.isManifest(relative)) {
          files.add(new ManifestFile(relative, head(p)));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return files;
  }

  private static boolean isUnderHidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".")) return true;
    }
    return false;
  }

  private static byte[] head(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return in.readNBytes(ManifestFile.MAX_BYTES + 1);
    }
  }
}
