package dev.pointsman.reconcile;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Differ;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.Planner;
import dev.pointsman.plan.Shaper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything Pointsman knows about one manifest kind at run time: its live reader, its differ and
 * its applier. Adding an AWS service means adding one of these (plus the manifest parser).
 */
public record KindModule<D extends DesiredResource, O>(
    Class<D> type,
    LiveReader<D, O> reader,
    Differ<D, O> differ,
    Applier<D, O> applier,
    Shaper<D, O> shaper) {

  public KindModule(
      Class<D> type, LiveReader<D, O> reader, Differ<D, O> differ, Applier<D, O> applier) {
    this(type, reader, differ, applier, Shaper.identity());
  }

  /** Reads live state for this kind's resources of {@code env} and plans them; applies later. */
  public Prepared prepare(Environment env, List<DesiredResource> resources) {
    List<D> mine = resources.stream().filter(type::isInstance).map(type::cast).toList();
    if (mine.isEmpty()) return new Prepared(Plan.empty(), which -> List.of(), List.of(), false);
    Map<ResourceId, Observed<O>> live = reader.read(env, mine);
    List<D> effective = new ArrayList<>();
    List<Runnable> onApply = new ArrayList<>();
    boolean inProgress = false;
    for (D d : mine) {
      if (live.get(d.id()) instanceof Observed.Ok<O> ok) {
        Shaper.Shaped<D> shaped = shaper.shape(env, d, ok.value());
        effective.add(shaped.effective());
        onApply.add(shaped.onApply());
        inProgress |= shaped.inProgress();
      } else {
        effective.add(d);
      }
    }
    Plan plan = Planner.plan(effective, live, differ);
    return new Prepared(plan, which -> apply(env, plan, live, which), onApply, inProgress);
  }

  private List<ApplyResult> apply(
      Environment env, Plan plan, Map<ResourceId, Observed<O>> live, Predicate<Change> which) {
    List<ApplyResult> results = new ArrayList<>();
    for (Change change : plan.pending()) {
      if (change.action() == Action.NONE || !which.test(change)) continue;
      O observed = ((Observed.Ok<O>) live.get(change.id())).value();
      results.add(applier.apply(env, type.cast(change.desired()), observed, change));
    }
    return results;
  }

  /**
   * A plan together with the means to carry it out against the state it was computed from, and the
   * rollout decisions to record once it has been applied.
   */
  public record Prepared(
      Plan plan, Execution execution, List<Runnable> onApply, boolean rolloutInProgress) {
    public List<ApplyResult> apply(Predicate<Change> which) {
      return execution.run(which);
    }

    /** Records the rollout decisions of this pass (after a full apply only). */
    public void recordDecisions() {
      onApply.forEach(Runnable::run);
    }
  }

  /** Applies the pending changes of a prepared plan that {@code which} selects. */
  @FunctionalInterface
  public interface Execution {
    List<ApplyResult> run(Predicate<Change> which);
  }
}
