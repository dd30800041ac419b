package dev.pointsman.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's small persistent state in the work dir: the last commit applied completely. Written
 * atomically (temp file + rename) so a crash never leaves it half-written.
 */
public final class StateStore {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;

  public StateStore(Path workdir) {
    this.file = workdir.resolve("state.json");
  }

  public Optional<AppliedCommit> lastApplied() {
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      return Optional.ofNullable(JSON.readValue(file.toFile(), State.class).lastApplied());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void recordApplied(AppliedCommit commit) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("state.json.tmp");
    JSON.writeValue(tmp.toFile(), new State(commit));
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A commit that was fully applied, and when. */
  public record AppliedCommit(String sha, String subject, Instant appliedAt) {}

  private record State(AppliedCommit lastApplied) {}
}
