package dev.pointsman.reconcile;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.live.LiveReader;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Differ;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.Planner;
import dev.pointsman.plan.Shaper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One manifest kind at run time: its live reader, its differ, its applier and its shaper (built by
 * the kind's descriptor in {@code kinds}).
 */
public record KindModule<D extends DesiredResource, O>(
    Class<D> type,
    LiveReader<D, O> reader,
    Differ<D, O> differ,
    Applier<D, O> applier,
    Shaper<D, O> shaper,
    BiFunction<D, O, D> resolver,
    Function<D, List<String>> notes) {

  public KindModule(
      Class<D> type,
      LiveReader<D, O> reader,
      Differ<D, O> differ,
      Applier<D, O> applier,
      Shaper<D, O> shaper,
      BiFunction<D, O, D> resolver) {
    this(type, reader, differ, applier, shaper, resolver, d -> List.of());
  }

  public KindModule(
      Class<D> type, LiveReader<D, O> reader, Differ<D, O> differ, Applier<D, O> applier) {
    this(type, reader, differ, applier, Shaper.identity());
  }

  public KindModule(
      Class<D> type,
      LiveReader<D, O> reader,
      Differ<D, O> differ,
      Applier<D, O> applier,
      Shaper<D, O> shaper) {
    this(type, reader, differ, applier, shaper, (d, o) -> d);
  }

  /** Reads live state for this kind's resources of {@code env} and plans them; applies later. */
  public Evaluation prepare(
      Commit commit, LoadResult load, Environment env, List<DesiredResource> resources) {
    List<Evaluation> one =
        prepareShared(commit, load, List.of(new EnvironmentManifests(env, resources)));
    return one.isEmpty() ? Evaluation.unplanned(commit, load) : one.get(0);
  }

  /**
   * Reads this kind's resources of every environment in {@code group} with one read (they share an
   * account, Region and role: one ListAliases serves a function's aliases of every environment),
   * then plans each environment on its own. One evaluation per environment that declares any.
   */
  public List<Evaluation> prepareShared(
      Commit commit, LoadResult load, List<EnvironmentManifests> group) {
    Map<Environment, List<D>> perEnvironment = new LinkedHashMap<>();
    List<D> all = new ArrayList<>();
    for (EnvironmentManifests em : group) {
      List<D> mine = em.resources().stream().filter(type::isInstance).map(type::cast).toList();
      if (mine.isEmpty()) continue;
      perEnvironment.put(em.environment(), mine);
      all.addAll(mine);
    }
    if (all.isEmpty()) return List.of();
    Environment reading = perEnvironment.keySet().iterator().next();
    Map<ResourceId, Observed<O>> live = reader.read(reading, all);
    List<Evaluation> evaluations = new ArrayList<>();
    perEnvironment.forEach((env, mine) -> evaluations.add(plan(commit, load, env, mine, live)));
    return evaluations;
  }

  private Evaluation plan(
      Commit commit,
      LoadResult load,
      Environment env,
      List<D> mine,
      Map<ResourceId, Observed<O>> allLive) {
    Map<ResourceId, Observed<O>> live = new HashMap<>();
    for (D d : mine) {
      Observed<O> o = allLive.get(d.id());
      if (o != null) live.put(d.id(), o);
    }
    List<D> effective = new ArrayList<>();
    List<Runnable> onApply = new ArrayList<>();
    boolean inProgress = false;
    for (D d : mine) {
      if (live.get(d.id()) instanceof Observed.Ok<O> ok) {
        // What Git declares, made concrete by what was read (a version published from a spec).
        D resolved = resolver.apply(d, ok.value());
        Shaper.Shaped<D> shaped = shaper.shape(env, resolved, ok.value());
        effective.add(shaped.effective());
        onApply.add(shaped.onApply());
        inProgress |= shaped.inProgress();
      } else {
        effective.add(d);
      }
    }
    Plan plan = withNotes(Planner.plan(effective, live, differ), mine);
    Evaluation.Execution execution =
        new Evaluation.Execution() {
          @Override
          public List<ApplyResult> apply(Predicate<Change> which, WriteGuard guard) {
            return KindModule.this.apply(commit, env, plan, live, which, guard);
          }

          @Override
          public void recordDecisions() {
            onApply.forEach(Runnable::run);
          }
        };
    return new Evaluation(commit, load, plan, List.of(execution), inProgress, WriteGuard.ALWAYS);
  }

  /** Adds what {@code notes} says of each declared resource (a hook hold, say) to its change. */
  private Plan withNotes(Plan plan, List<D> declared) {
    Map<ResourceId, List<String>> extra = new HashMap<>();
    for (D d : declared) {
      List<String> n = notes.apply(d);
      if (!n.isEmpty()) extra.put(d.id(), n);
    }
    if (extra.isEmpty()) return plan;
    List<Change> changes = new ArrayList<>();
    for (Change c : plan.changes()) {
      List<String> n = extra.get(c.id());
      if (n == null) {
        changes.add(c);
      } else {
        List<String> all = new ArrayList<>(c.notes());
        all.addAll(n);
        changes.add(new Change(c.id(), c.action(), c.fields(), c.desired(), all));
      }
    }
    return new Plan(changes, plan.errors());
  }

  private List<ApplyResult> apply(
      Commit commit,
      Environment env,
      Plan plan,
      Map<ResourceId, Observed<O>> live,
      Predicate<Change> which,
      WriteGuard guard) {
    List<ApplyResult> results = new ArrayList<>();
    for (Change change : plan.pending()) {
      if (change.action() == Action.NONE || !which.test(change)) continue;
      var refusal = guard.refusal();
      if (refusal.isPresent()) {
        results.add(ApplyResult.failed(change, "not applied: " + refusal.get()));
        continue;
      }
      O observed = ((Observed.Ok<O>) live.get(change.id())).value();
      results.add(applier.apply(commit, env, type.cast(change.desired()), observed, change));
    }
    return results;
  }
}
