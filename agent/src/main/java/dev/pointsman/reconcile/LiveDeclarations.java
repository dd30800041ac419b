package dev.pointsman.reconcile;

import dev.pointsman.git.GitException;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the live commit declares, kept from one settled commit to the next: a new commit is scoped
 * by what it changed against it, pointers Git stops declaring are told once, and their holds and
 * problems end. Costs a walk of the commit just loaded; an older one is loaded only once after a
 * restart (see {@link #recall}).
 */
final class LiveDeclarations {
  private static final Logger log = LoggerFactory.getLogger(LiveDeclarations.class);

  private final AgentParts parts;
  private final Reporter reporter;
  private final ChangeEventDesk desk;
  private final Predicate<String> acting;
  private Optional<DesiredState> state = Optional.empty();
  private boolean recalled;

  LiveDeclarations(
      AgentParts parts, Reporter reporter, ChangeEventDesk desk, Predicate<String> acting) {
    this.parts = parts;
    this.reporter = reporter;
    this.desk = desk;
    this.acting = acting;
  }

  /** The live commit's declarations, once loaded. */
  Optional<DesiredState> state() {
    return state;
  }

  /**
   * After a restart, before the first pass of a commit other than the live one: the live commit's
   * declarations, loaded first, so that the commit is then loaded as what it changed against them
   * (its unchanged documents the very objects) and a promotion merged while the agent was down is
   * scoped to its documents, not to every document of the files it touched (a catch-up of a whole
   * shared file, minutes at thousands of functions). Nothing when they are known, or the live
   * commit cannot be read or no longer loads valid: that pass then covers the changed files whole.
   * Tried once per process: the first pass that settles makes them known anyway.
   */
  void recall(Optional<Commit> live, Commit next, CommitManifests manifests) {
    if (recalled || state.isPresent() || live.isEmpty() || live.get().sha().equals(next.sha()))
      return;
    recalled = true;
    try {
      LoadResult load = manifests.of(live.get());
      if (load.valid()) known(load.state());
    } catch (GitException e) {
      log.info(
          "cannot read the live commit {} before {} ({}): the files it changed are read whole",
          live.get().shortSha(),
          next.shortSha(),
          e.getMessage());
    }
  }

  /** The live commit's declarations after a restart (nothing released: they are what is live). */
  void known(DesiredState live) {
    if (state.isEmpty()) follow(live);
  }

  /**
   * {@code c} settled: pointers the previous live commit declared and {@code c} does not are told
   * once (left as they are live); holds of them end; so do problems of resources {@code c} does not
   * declare (looked for only when some are open).
   */
  void settled(Commit c, DesiredState next) {
    Optional<DesiredState> before = state;
    follow(next);
    if (before.isPresent()) {
      List<ResourceId> gone = gone(before.get(), next, acting);
      gone.sort(null);
      reporter.released(c, gone);
    }
    if (!parts.holds().all().isEmpty()) {
      // a hold of a pointer Git no longer declares is over
      parts.holds().retain(CatchUp.covered(next, Optional.empty(), acting));
    }
    if (reporter.openResourceProblems().isEmpty()) return;
    Set<String> keys = new HashSet<>();
    for (EnvironmentManifests em : next.environments()) {
      keys.add(ResourceId.environment(em.environment().name()).toString());
      em.resources().forEach(r -> keys.add(r.id().toString()));
    }
    reporter.forget(keys);
  }

  /**
   * What {@code before} declared in an acting environment and {@code after} does not. A document a
   * commit did not change is the very object the commit before had (the loader keeps what unchanged
   * documents validated to), in the same order: only the run between the ends both lists keep
   * ({@link KeptEnds}) is compared by id (ids are unique within an environment), so a promotion in
   * a fleet of thousands does not walk every id.
   */
  static List<ResourceId> gone(DesiredState before, DesiredState after, Predicate<String> acting) {
    List<ResourceId> gone = new ArrayList<>();
    for (EnvironmentManifests was : before.environments()) {
      String name = was.environment().name();
      if (!acting.test(name)) continue;
      List<DesiredResource> now =
          after.environment(name).map(EnvironmentManifests::resources).orElse(List.of());
      List<DesiredResource> old = was.resources();
      Set<ResourceId> left = new HashSet<>();
      Set<ResourceId> still = new HashSet<>();
      KeptEnds kept = KeptEnds.of(old, now);
      kept.between(old).forEach(r -> left.add(r.id()));
      kept.between(now).forEach(r -> still.add(r.id()));
      for (ResourceId id : left) if (!still.contains(id)) gone.add(id);
    }
    return gone;
  }

  private void follow(DesiredState live) {
    state = Optional.of(live);
    desk.follow(live);
    reporter.declared(live, acting);
  }
}
