package dev.pointsman.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pointsman.store.JsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Open drifts in {@code <workdir>/drifts.json}; a corrupt file costs at most one repeated
 * announcement.
 */
public final class DriftStore {
  private final JsonFile<List<OpenDrift>> file;

  public DriftStore(Path workdir) {
    this.file = new JsonFile<>(workdir.resolve("drifts.json"), new TypeReference<>() {});
  }

  List<OpenDrift> load() {
    return file.read().orElse(List.of());
  }

  void save(Collection<OpenDrift> open) {
    try {
      file.write(new ArrayList<>(open));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save drifts.json", e);
    }
  }
}
