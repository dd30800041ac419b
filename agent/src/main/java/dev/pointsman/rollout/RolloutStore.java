package dev.pointsman.rollout;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pointsman.model.ResourceId;
import dev.pointsman.store.JsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rollouts in progress or held, in {@code <workdir>/rollouts.json}: with the live weights, enough
 * to resume at the right step after a restart. Shared by the loop and the HTTP controls.
 */
public final class RolloutStore {
  private final JsonFile<TreeMap<String, RolloutStatus>> file;
  private final TreeMap<String, RolloutStatus> rollouts;

  public RolloutStore(Path workdir) {
    this.file = new JsonFile<>(workdir.resolve("rollouts.json"), new TypeReference<>() {});
    this.rollouts = file.read().orElseGet(TreeMap::new);
  }

  public synchronized Optional<RolloutStatus> get(String key) {
    return Optional.ofNullable(rollouts.get(key));
  }

  public synchronized List<RolloutStatus> all() {
    return List.copyOf(rollouts.values());
  }

  /** The resources a rollout is moving or holds (after an abort). */
  public synchronized Set<ResourceId> resources() {
    Set<ResourceId> ids = new HashSet<>();
    rollouts.values().forEach(r -> ids.add(new ResourceId(r.environment(), r.kind(), r.name())));
    return ids;
  }

  public synchronized void put(RolloutStatus status) {
    rollouts.put(status.key(), status);
    save();
  }

  /**
   * Stores {@code next} (or removes the record when empty) only if the record is still {@code
   * expected}: an operator's pause, resume or abort that landed while a pass was deciding wins, and
   * the next pass decides again from it. True when stored.
   */
  public synchronized boolean replace(
      String key, Optional<RolloutStatus> expected, Optional<RolloutStatus> next) {
    if (!Objects.equals(rollouts.get(key), expected.orElse(null))) return false;
    next.ifPresentOrElse(this::put, () -> remove(key));
    return true;
  }

  public synchronized void remove(String key) {
    if (rollouts.remove(key) != null) save();
  }

  private void save() {
    try {
      file.write(new TreeMap<>(rollouts));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save rollouts.json", e);
    }
  }
}
