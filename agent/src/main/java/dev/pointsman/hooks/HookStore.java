package dev.pointsman.hooks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pointsman.store.JsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the hooks of each pointer decided, in {@code <workdir>/hooks.json}, so that a restart
 * neither re-runs a hook that passed nor counts one that was running as passed: per resource, the
 * artifact the record is about and the hook spec, whether each phase passed, and why it is held.
 */
public final class HookStore {
  /**
   * One resource's hook record; {@code spec} identifies target + hooks (Git changes → new spec).
   */
  public record Record(String spec, boolean beforePassed, boolean afterPassed, String held) {
    Record passed(boolean before) {
      return before
          ? new Record(spec, true, afterPassed, held)
          : new Record(spec, beforePassed, true, held);
    }

    Record holding(String why) {
      return new Record(spec, beforePassed, afterPassed, why);
    }

    public boolean holds() {
      return held != null && !held.isEmpty();
    }
  }

  private final JsonFile<TreeMap<String, Record>> file;
  private final TreeMap<String, Record> records;

  public HookStore(Path workdir) {
    this.file = new JsonFile<>(workdir.resolve("hooks.json"), new TypeReference<>() {});
    this.records = file.read().orElseGet(TreeMap::new);
  }

  /** The record of {@code key} for {@code spec}; a record of another spec is over (Git changed). */
  public synchronized Optional<Record> get(String key, String spec) {
    return Optional.ofNullable(records.get(key)).filter(r -> r.spec().equals(spec));
  }

  synchronized Record passed(String key, String spec, boolean before) {
    Record r = get(key, spec).orElse(new Record(spec, false, false, null)).passed(before);
    put(key, r);
    return r;
  }

  synchronized void hold(String key, String spec, String why) {
    put(key, get(key, spec).orElse(new Record(spec, false, false, null)).holding(why));
  }

  private void put(String key, Record r) {
    records.put(key, r);
    try {
      file.write(new TreeMap<>(records));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save hooks.json", e);
    }
  }
}
