package dev.pointsman.manifest;

import dev.pointsman.model.Environment;
import dev.pointsman.model.ManifestFile;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What each file of the last load validated to, on its own, by path, exact content and environment:
 * a promotion that changes one file of thousands validates that file again and only re-runs the
 * rules across files. Like {@link ParsedFiles}, it forgets files a load did not use.
 */
final class ValidatedFiles {
  private record Entry(ManifestFile file, Optional<Environment> environment, FileResult result) {}

  private Map<String, Entry> previous = new HashMap<>();
  private Map<String, Entry> current = new HashMap<>();

  void begin() {
    current = ParsedFiles.sized(previous.size() + 16);
  }

  /** Starts a load that validates changed files only: the others stay known. */
  void beginUpdate() {
    current = previous;
  }

  /** Drops a file that no longer exists. */
  void forget(String path) {
    current.remove(path);
  }

  void end() {
    previous = current;
    current = new HashMap<>();
  }

  /**
   * What {@code file} validates to: known, or {@code validate}d, which is given what the file's
   * previous version validated to in the same environment (its unchanged documents need nothing
   * more).
   */
  FileResult get(
      ManifestFile file,
      Optional<Environment> env,
      Function<Optional<FileResult>, FileResult> validate) {
    Entry known = previous.get(file.path());
    if (known == null
        || !known.environment().equals(env)
        || !known.file().refusal().equals(file.refusal())
        || !Arrays.equals(known.file().content(), file.content())) {
      boolean samePlace = known != null && known.environment().equals(env);
      known =
          new Entry(
              file,
              env,
              validate.apply(samePlace ? Optional.of(known.result()) : Optional.empty()));
    }
    current.put(file.path(), known);
    return known.result();
  }
}
