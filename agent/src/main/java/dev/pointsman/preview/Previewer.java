package dev.pointsman.preview;

import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.policy.Ledger;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.ReleaseGate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans a commit against live AWS without writing anything, and compares it with a base commit:
 * what it stops declaring, and drift on what it touches. Used by {@code plan} and by pull-request
 * previews. The pass it is given must be its own (its loader remembers the last load).
 */
public final class Previewer {
  private final GitSource git;
  private final Pass pass;
  private final String path;
  private final Set<String> environments;

  private final Ledger ledger;
  private final Clock clock;

  public Previewer(GitSource git, Pass pass, String path, Set<String> environments) {
    this(git, pass, path, environments, Ledger.inMemory(), Clock.systemUTC());
  }

  /** Changes the release policy would hold are shown as held, judged by {@code ledger}. */
  public Previewer(
      GitSource git, Pass pass, String path, Set<String> environments, Ledger ledger, Clock clock) {
    this.git = git;
    this.pass = pass;
    this.path = path;
    this.environments = Set.copyOf(environments);
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Plans {@code planned} against live AWS; {@code base} (if any) is what it is compared with. */
  public PlanReport preview(Commit planned, Optional<Commit> base) throws GitException {
    LoadResult load = pass.load(git.files(planned.sha(), path));
    PassResult result =
        ReleaseGate.preview(
            pass.evaluate(planned, load, environments, Optional.empty()).result(List.of()),
            load.state(),
            ledger,
            clock);
    if (base.isEmpty() || !load.valid()) {
      return new PlanReport(result, base, List.of(), List.of(), false);
    }
    boolean untouched =
        !base.get().sha().equals(planned.sha())
            && git.changedFiles(base.get().sha(), planned.sha(), path).stream()
                .noneMatch(ManifestLoader::isManifest);
    LoadResult baseLoad = pass.load(git.files(base.get().sha(), path));
    if (!baseLoad.valid()) return new PlanReport(result, base, List.of(), List.of(), untouched);
    List<ResourceId> released = released(baseLoad.state(), load.state());
    // Drift matters where this commit changes a declaration: there the merge overwrites it.
    Set<DesiredResource> before = declarations(baseLoad.state());
    Set<ResourceId> touched = new HashSet<>();
    for (EnvironmentManifests em : load.state().environments()) {
      for (DesiredResource r : em.resources()) {
        if (!before.contains(r)) touched.add(r.id());
      }
    }
    List<PlanReport.Drift> drift = new ArrayList<>();
    if (!touched.isEmpty()) {
      // What the base commit declares, planned against the same live state: a difference there is
      // a change made outside Git that this merge overwrites.
      PassResult baseline =
          pass.evaluate(
                  base.get(),
                  baseLoad,
                  environments,
                  Optional.of(new Pass.Scope(Set.of(), touched)))
              .result(List.of());
      for (Change c : baseline.plan().pending()) {
        for (FieldChange f : c.fields()) {
          drift.add(new PlanReport.Drift(c.id(), f.field(), f.from(), f.to()));
        }
      }
    }
    return new PlanReport(result, base, released, drift, untouched);
  }

  private static Set<DesiredResource> declarations(DesiredState state) {
    Set<DesiredResource> all = new HashSet<>();
    state.environments().forEach(em -> all.addAll(em.resources()));
    return all;
  }

  private List<ResourceId> released(DesiredState base, DesiredState planned) {
    Set<ResourceId> now = ids(planned);
    Set<ResourceId> gone = new TreeSet<>();
    for (ResourceId id : ids(base)) if (!now.contains(id)) gone.add(id);
    return new ArrayList<>(gone);
  }

  private Set<ResourceId> ids(DesiredState state) {
    Set<ResourceId> ids = new HashSet<>();
    for (EnvironmentManifests em : state.environments()) {
      if (!environments.isEmpty() && !environments.contains(em.environment().name())) continue;
      em.resources().forEach(r -> ids.add(r.id()));
    }
    return ids;
  }
}
