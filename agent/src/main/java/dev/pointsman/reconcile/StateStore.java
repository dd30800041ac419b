package dev.pointsman.reconcile;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pointsman.store.JsonFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** The agent's small persistent state in the work dir: the last commit applied completely. */
public final class StateStore {
  private final JsonFile<State> file;

  public StateStore(Path workdir) {
    this.file = new JsonFile<>(workdir.resolve("state.json"), new TypeReference<>() {});
  }

  public Optional<AppliedCommit> lastApplied() {
    return file.read().map(State::lastApplied);
  }

  public void recordApplied(AppliedCommit commit) throws IOException {
    file.write(new State(commit));
  }

  /** A commit that was fully applied, and when. */
  public record AppliedCommit(String sha, String subject, Instant appliedAt) {}

  private record State(AppliedCommit lastApplied) {}
}
