package dev.pointsman.reconcile;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a commit on top of the live one touched, document by document: a file keeps all of an
 * environment's aliases, say, and a promotion edits one of them, so only the documents whose
 * declaration changed (or appeared) are planned; the file stays the unit of validation. An edited
 * environment.yaml still covers its whole environment. Pure.
 */
final class DocumentScope {
  private DocumentScope() {}

  /**
   * The scope of a pass from {@code live} (the live commit's declarations, when known) to {@code
   * next} over the changed {@code files}, with {@code also} (resources a rollout moves) added.
   */
  static Pass.Scope of(
      Set<String> files, Optional<DesiredState> live, DesiredState next, Set<ResourceId> also) {
    if (live.isEmpty()) return new Pass.Scope(files, also);
    // Files live in their environment's folder: an environment without a changed file in it is
    // passed over without a look at its resources (a promotion in staging walks staging only).
    Set<String> folders = new HashSet<>();
    for (String f : files) if (f.indexOf('/') > 0) folders.add(f.substring(0, f.indexOf('/')));
    Set<String> environmentFiles = new HashSet<>();
    List<DesiredResource> old = new ArrayList<>();
    for (EnvironmentManifests em : live.get().environments()) {
      if (!folders.contains(em.environment().name())) continue;
      for (DesiredResource r : em.resources()) if (files.contains(r.source().file())) old.add(r);
    }
    List<DesiredResource> now = new ArrayList<>();
    for (EnvironmentManifests em : next.environments()) {
      if (!folders.contains(em.environment().name())) continue;
      if (files.contains(em.environment().source().file()))
        environmentFiles.add(em.environment().source().file());
      for (DesiredResource r : em.resources()) if (files.contains(r.source().file())) now.add(r);
    }
    // An unchanged document of a changed file is the very object the live commit had (the loader
    // keeps what unchanged documents validated to), in the same order: those before and after the
    // edited run are passed over by identity, those in it compared by what they declare.
    KeptEnds kept = KeptEnds.of(old, now);
    Set<DesiredResource> was = Collections.newSetFromMap(new IdentityHashMap<>());
    was.addAll(kept.between(old));
    Set<ResourceId> changed = new HashSet<>(also);
    List<DesiredResource> other = new ArrayList<>();
    for (DesiredResource r : kept.between(now)) if (!was.remove(r)) other.add(r);
    if (other.isEmpty()) return new Pass.Scope(environmentFiles, changed);
    Map<ResourceId, DesiredResource> before = new HashMap<>();
    for (DesiredResource r : was) before.put(r.id(), r); // what left or changed
    for (DesiredResource r : other) {
      // Record equality: a document moved to other lines of its file counts as changed too
      // (read again, never missed).
      if (!r.equals(before.get(r.id()))) changed.add(r.id());
    }
    return new Pass.Scope(environmentFiles, changed);
  }
}
