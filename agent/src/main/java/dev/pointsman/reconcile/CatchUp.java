package dev.pointsman.reconcile;

import dev.pointsman.aws.CallLane;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.PlanError;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A commit pass over many resources, read in slices between pushes and applied whole at the end:
 * the first pass after a start with an empty work directory or a takeover by a replica that never
 * applied, a pass after an edited environment.yaml, a commit that touches many documents. The loop
 * reads one slice per turn (its reads give way to pushes, as the drift sweep's do), so a push
 * during it is planned and applied at once, for what it changed; the catch-up then goes on against
 * that newer commit (what it had planned for documents the push changed is read again), so an older
 * commit is never applied over a newer one. Its plan is applied only when every slice is read and
 * the whole is free of errors, as a single pass would be.
 */
public final class CatchUp {
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

  /** A pass that covers more resources than this is a catch-up; fewer are read at once. */
  public static final int ABOVE = 64;

  private final Agent.Settings settings;
  private final AgentParts parts;
  private final Deque<Set<ResourceId>> slices = new ArrayDeque<>();
  // The slice each resource left to read is in (see retarget).
  private final Map<ResourceId, Set<ResourceId>> sliceOf = new HashMap<>();
  private Commit target;
  private LoadResult load;
  private Evaluation planned;
  private int yieldsInARow;
  private Instant began;

  CatchUp(Agent.Settings settings, AgentParts parts) {
    this.settings = settings;
    this.parts = parts;
  }

  boolean active() {
    return target != null;
  }

  /** The commit being caught up (while {@link #active()}). */
  Commit target() {
    return target;
  }

  /** Its declarations. */
  DesiredState state() {
    return load.state();
  }

  /**
   * The resources of acting environments a pass with {@code scope} covers (every one without a
   * scope).
   */
  static Set<ResourceId> covered(
      DesiredState state, Optional<Pass.Scope> scope, Predicate<String> acting) {
    Set<ResourceId> ids = new HashSet<>();
    for (EnvironmentManifests em : state.environments()) {
      if (!acting.test(em.environment().name())) continue;
      boolean whole =
          scope.isEmpty() || scope.get().files().contains(em.environment().source().file());
      if (whole) {
        em.resources().forEach(r -> ids.add(r.id()));
      } else if (!scope.get().files().isEmpty()) {
        for (DesiredResource r : em.resources()) if (scope.get().covers(r)) ids.add(r.id());
      } else {
        // Named resources only (a promotion's changed documents): no walk of the environment.
        String name = em.environment().name();
        scope.get().resources().stream()
            .filter(id -> id.environment().equals(name))
            .forEach(ids::add);
      }
    }
    return ids;
  }

  /** When the catch-up began (its first commit's pass). */
  Instant began() {
    return began;
  }

  /** Drops it (a failure: the next poll passes the commit again). */
  void abandon() {
    target = null;
    load = null;
    planned = null;
    slices.clear();
    sliceOf.clear();
  }

  void begin(Commit commit, LoadResult loaded, Set<ResourceId> ids) {
    began = settings.clock().instant();
    target = commit;
    load = loaded;
    planned = null;
    yieldsInARow = 0;
    slices.clear();
    sliceOf.clear();
    queue(ids);
    log.info(
        "commit {}: {} resources to read, in {} slices between pushes",
        commit.shortSha(),
        ids.size(),
        slices.size());
  }

  /**
   * Reads the next slice (its reads give way once {@code pushWaiting} says so: the slice is put
   * back, at most {@link DriftSweep#MAX_YIELDS} times in a row); the whole evaluation once the last
   * slice is read, and the catch-up is over.
   */
  Optional<Evaluation> step(BooleanSupplier pushWaiting) {
    if (!active()) return Optional.empty();
    Set<ResourceId> slice = slices.poll();
    while (slice != null && slice.isEmpty()) slice = slices.poll(); // emptied by pushes
    if (slice != null) {
      BooleanSupplier giveWay = yieldsInARow < DriftSweep.MAX_YIELDS ? pushWaiting : () -> false;
      try (CallLane.Background lane = CallLane.background(giveWay)) {
        Evaluation e = parts.pass().evaluate(target, load, settings.environments(), slice);
        if (lane.yielded()) {
          slices.addFirst(slice);
          yieldsInARow++;
          return Optional.empty();
        }
        yieldsInARow = 0;
        slice.forEach(sliceOf::remove);
        Evaluation kept = nothingToCarryOut(e) ? e.planOnly() : e;
        planned = planned == null ? kept : planned.merge(kept);
      }
    }
    if (!sliceOf.isEmpty()) return Optional.empty();
    slices.clear();
    Evaluation done = planned != null ? planned : Evaluation.unplanned(target, load);
    target = null;
    load = null;
    planned = null;
    return Optional.of(done);
  }

  /**
   * A slice that is converged, error-free and free of rollouts has nothing to apply and no rollout
   * decision to record: only its plan is kept, not the live state it read (a catch-up of a large
   * fleet would otherwise hold every observation until its end).
   */
  private boolean nothingToCarryOut(Evaluation e) {
    if (e.rolloutInProgress() || !e.plan().errors().isEmpty() || !e.plan().pending().isEmpty())
      return false;
    Set<ResourceId> recorded = parts.rollouts().resources();
    return e.plan().changes().stream().noneMatch(c -> recorded.contains(c.id()));
  }

  /**
   * {@code commit} (newer, valid) is to be caught up instead: its own pass applied {@code done}
   * already (nothing when it was too wide to apply at once); {@code changed} are the resources
   * whose declaration differs from the current target's. What was planned for them, and whatever
   * was planned to change or found in error, is read again against {@code commit}, in slices ahead
   * of the rest; converged resources whose declaration is the same stay read, and those left to
   * read stay in their slices (a resource {@code commit} no longer declares leaves its slice). The
   * rest is not sliced again (at N=3000 that took the loop 110-170 ms after each such push), so a
   * resource read again may cost one call more than its read group's others left in their slice.
   */
  void retarget(Commit commit, LoadResult loaded, Set<ResourceId> done, Set<ResourceId> changed) {
    Set<ResourceId> gone = gone(load.state(), loaded.state());
    Set<ResourceId> again = new HashSet<>(changed);
    List<Change> kept = new ArrayList<>();
    if (planned != null) {
      Set<ResourceId> rolling = parts.rollouts().resources();
      for (Change c : planned.plan().changes()) {
        boolean same = !changed.contains(c.id()) && !rolling.contains(c.id());
        if (c.action() == Action.NONE && same) kept.add(c);
        else again.add(c.id());
      }
      for (PlanError e : planned.plan().errors()) again.addAll(resourcesOf(loaded, e.id()));
    }
    again.removeAll(done);
    again.removeAll(gone);
    again.removeIf(id -> !acting(id.environment()));
    kept.removeIf(c -> done.contains(c.id()) || gone.contains(c.id()));
    for (Set<ResourceId> ids : List.of(done, gone, again)) {
      for (ResourceId id : ids) {
        Set<ResourceId> slice = sliceOf.remove(id);
        if (slice != null) slice.remove(id);
      }
    }
    target = commit;
    load = loaded;
    planned =
        planned == null
            ? null
            : new Evaluation(
                commit, loaded, new Plan(kept, List.of()), List.of(), false, planned.guard());
    if (!queueFirst(again)) {
      // A resource planned with another document where resources are read again: sliced whole,
      // as at the start, so that none is planned twice.
      Set<ResourceId> left = new HashSet<>(sliceOf.keySet());
      left.addAll(again);
      slices.clear();
      sliceOf.clear();
      queue(left);
    }
    log.info(
        "commit {} arrived during a catch-up: {} resources left to read against it",
        commit.shortSha(),
        sliceOf.size());
  }

  /**
   * The resources of acting environments {@code before} declares and {@code after} no longer does.
   * Unchanged documents are the very objects of the load before (the loader keeps them), so only
   * the run between the kept ends of each environment's list is compared.
   */
  private Set<ResourceId> gone(DesiredState before, DesiredState after) {
    Set<ResourceId> ids = new HashSet<>();
    for (EnvironmentManifests em : before.environments()) {
      String name = em.environment().name();
      if (!acting(name)) continue;
      Optional<EnvironmentManifests> now = after.environment(name);
      if (now.isEmpty()) {
        em.resources().forEach(r -> ids.add(r.id()));
        continue;
      }
      KeptEnds ends = KeptEnds.of(em.resources(), now.get().resources());
      Set<ResourceId> still = new HashSet<>();
      ends.between(now.get().resources()).forEach(r -> still.add(r.id()));
      for (DesiredResource r : ends.between(em.resources())) {
        if (!still.contains(r.id())) ids.add(r.id());
      }
    }
    return ids;
  }

  /** An environment-wide error stands for each of the environment's resources. */
  private static Set<ResourceId> resourcesOf(LoadResult loaded, ResourceId id) {
    Set<ResourceId> ids = new HashSet<>();
    for (EnvironmentManifests em : loaded.state().environments()) {
      if (!em.environment().name().equals(id.environment())) continue;
      if (ResourceId.environment(id.environment()).equals(id))
        em.resources().forEach(r -> ids.add(r.id()));
      else ids.add(id);
    }
    return ids;
  }

  /**
   * Slices along read groups. A resource planned with another document (an alias published from a
   * LambdaFunction) is left to that document's slice, which covers it: never planned twice.
   */
  private void queue(Set<ResourceId> ids) {
    List<EnvironmentManifests> envs = new ArrayList<>();
    for (EnvironmentManifests em : load.state().environments()) {
      Set<String> documents = new HashSet<>();
      em.resources()
          .forEach(
              r -> {
                if (ids.contains(r.id())) documents.add(r.documentKey());
              });
      List<DesiredResource> mine =
          em.resources().stream()
              .filter(r -> ids.contains(r.id()))
              .filter(r -> r.dependsOn().filter(documents::contains).isEmpty())
              .toList();
      if (!mine.isEmpty()) envs.add(new EnvironmentManifests(em.environment(), mine));
    }
    enqueue(SweepSlices.slices(envs, DriftSweep.SLICE_GROUPS), false);
  }

  /**
   * Slices {@code ids} (resources of the target) ahead of the slices left, walking only the
   * environments they are in; false, slicing nothing, when one of those declares a resource planned
   * with another document (which slice covers it depends on every slice: {@link #queue} decides).
   */
  private boolean queueFirst(Set<ResourceId> ids) {
    if (ids.isEmpty()) return true;
    Pass.Scope scope = new Pass.Scope(Set.of(), ids);
    Map<String, List<ResourceId>> byEnvironment = new HashMap<>();
    ids.forEach(
        id -> byEnvironment.computeIfAbsent(id.environment(), e -> new ArrayList<>()).add(id));
    List<EnvironmentManifests> envs = new ArrayList<>();
    for (EnvironmentManifests em : load.state().environments()) {
      List<ResourceId> here = byEnvironment.get(em.environment().name());
      if (here == null) continue;
      List<DesiredResource> mine = new ArrayList<>();
      for (DesiredResource r : em.resources()) {
        if (r.dependsOn().isPresent()) return false;
        if (scope.covers(r, here)) mine.add(r);
      }
      if (!mine.isEmpty()) envs.add(new EnvironmentManifests(em.environment(), mine));
    }
    enqueue(SweepSlices.slices(envs, DriftSweep.SLICE_GROUPS), true);
    return true;
  }

  /**
   * Adds {@code cut} after (or ahead of) the slices left, each a set pushes take resources out of.
   */
  private void enqueue(List<Set<ResourceId>> cut, boolean ahead) {
    List<Set<ResourceId>> added = new ArrayList<>();
    for (Set<ResourceId> slice : cut) {
      Set<ResourceId> mutable = new HashSet<>(slice);
      mutable.forEach(id -> sliceOf.put(id, mutable));
      added.add(mutable);
    }
    if (ahead) {
      for (int i = added.size() - 1; i >= 0; i--) slices.addFirst(added.get(i));
    } else {
      slices.addAll(added);
    }
  }

  private boolean acting(String environment) {
    return settings.environments().isEmpty() || settings.environments().contains(environment);
  }
}
