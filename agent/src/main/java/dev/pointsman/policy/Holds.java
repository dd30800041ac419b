package dev.pointsman.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pointsman.model.ResourceId;
import dev.pointsman.store.JsonFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes of the live commit the release policy holds, and why: the agent applies each by itself
 * once the policy allows it, and the drift sweep leaves them alone meanwhile. Kept in {@code
 * <workdir>/holds.json} so a restart keeps holding (and does not call them drift).
 */
public final class Holds {
  private static final Logger log = LoggerFactory.getLogger(Holds.class);

  /** One held change. */
  public record Hold(ResourceId id, String reason) {}

  private final Optional<JsonFile<List<Hold>>> file;
  private final Map<ResourceId, String> held = new TreeMap<>();

  public Holds(Path workdir) {
    this(Optional.of(new JsonFile<>(workdir.resolve("holds.json"), new TypeReference<>() {})));
  }

  private Holds(Optional<JsonFile<List<Hold>>> file) {
    this.file = file;
    file.flatMap(JsonFile::read).ifPresent(l -> l.forEach(h -> held.put(h.id(), h.reason())));
  }

  public static Holds inMemory() {
    return new Holds(Optional.empty());
  }

  /** What a pass over {@code covered} found: those in {@code now} are held, the others not. */
  public synchronized void update(Iterable<ResourceId> covered, Map<ResourceId, String> now) {
    boolean changed = false;
    for (ResourceId id : covered) {
      String reason = now.get(id);
      String before = reason == null ? held.remove(id) : held.put(id, reason);
      changed |= reason == null ? before != null : !reason.equals(before);
    }
    if (changed) save();
  }

  /** Holds of resources the live commit no longer declares are over. */
  public synchronized void retain(Set<ResourceId> declared) {
    if (held.keySet().retainAll(declared)) save();
  }

  public synchronized Map<ResourceId, String> all() {
    return Map.copyOf(held);
  }

  private void save() {
    file.ifPresent(
        f -> {
          List<Hold> list = new ArrayList<>();
          held.forEach((id, r) -> list.add(new Hold(id, r)));
          try {
            f.write(list);
          } catch (IOException e) {
            log.warn("cannot save holds.json: {}", e.getMessage());
          }
        });
  }
}
