package dev.pointsman.reconcile;

import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the live commit declares, kept from one settled commit to the next: a new commit is scoped
 * by what it changed against it, pointers Git stops declaring are told once, and their holds and
 * problems end. Costs a walk of the commit just loaded, never a load of an older one.
 */
final class LiveDeclarations {
  private final AgentParts parts;
  private final Reporter reporter;
  private final ChangeEventDesk desk;
  private final Predicate<String> acting;
  private Set<ResourceId> declared;
  private Optional<DesiredState> state = Optional.empty();

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

  /** The live commit's declarations after a restart (nothing released: they are what is live). */
  void known(DesiredState live) {
    if (declared == null) declared = CatchUp.covered(live, Optional.empty(), acting);
    follow(live);
  }

  /**
   * {@code c} settled: pointers the previous live commit declared and {@code c} does not are told
   * once (left as they are live); holds of them end; so do problems of resources {@code c} does not
   * declare (looked for only when some are open).
   */
  void settled(Commit c, DesiredState next) {
    Set<ResourceId> now = CatchUp.covered(next, Optional.empty(), acting);
    follow(next);
    if (declared != null) {
      List<ResourceId> gone = new ArrayList<>();
      for (ResourceId id : declared) if (!now.contains(id)) gone.add(id);
      gone.sort(null);
      reporter.released(c, gone);
    }
    declared = now;
    parts.holds().retain(now); // a hold of a pointer Git no longer declares is over
    if (reporter.openResourceProblems().isEmpty()) return;
    Set<String> keys = new HashSet<>();
    for (EnvironmentManifests em : next.environments()) {
      keys.add(ResourceId.environment(em.environment().name()).toString());
      em.resources().forEach(r -> keys.add(r.id().toString()));
    }
    reporter.forget(keys);
  }

  private void follow(DesiredState live) {
    state = Optional.of(live);
    desk.follow(live);
    reporter.declared(live, acting);
  }
}
