package dev.pointsman.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A small JSON file of the agent's own state in the work dir, read leniently (a missing or corrupt
 * file reads as empty) and written atomically (temp file + rename), so a crash never leaves it
 * half-written.
 */
public final class JsonFile<T> {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;
  private final TypeReference<T> type;

  public JsonFile(Path file, TypeReference<T> type) {
    this.file = file;
    this.type = type;
  }

  public Optional<T> read() {
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      return Optional.ofNullable(JSON.readValue(file.toFile(), type));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void write(T value) throws IOException {
    replace(file, JSON.writeValueAsBytes(value));
  }

  /** Replaces {@code file} with {@code bytes} atomically (temp file + rename). */
  static void replace(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
