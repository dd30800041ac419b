package dev.pointsman.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Open drifts in {@code <workdir>/drifts.json}, written atomically. */
public final class DriftStore {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final Path file;

  public DriftStore(Path workdir) {
    this.file = workdir.resolve("drifts.json");
  }

  List<OpenDrift> load() {
    if (!Files.isRegularFile(file)) return List.of();
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<OpenDrift>>() {});
    } catch (IOException e) {
      return List.of(); // a corrupt file costs at most one repeated announcement
    }
  }

  void save(Collection<OpenDrift> open) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("drifts.json.tmp");
      JSON.writeValue(tmp.toFile(), new ArrayList<>(open));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file, e);
    }
  }
}
