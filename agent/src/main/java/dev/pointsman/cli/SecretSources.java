package dev.pointsman.cli;

import dev.pointsman.git.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Secrets come from a file named in the options/config, or else an environment variable; never
 * argv.
 */
final class SecretSources {
  private SecretSources() {}

  static Optional<Secret> read(Path file, String envVar) throws IOException {
    if (file != null) {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty())
        throw new IOException(file + " is empty (expected the value for " + envVar + ")");
      return Optional.of(new Secret(value));
    }
    return Optional.ofNullable(System.getenv(envVar))
        .filter(v -> !v.isBlank())
        .map(v -> new Secret(v.strip()));
  }
}
