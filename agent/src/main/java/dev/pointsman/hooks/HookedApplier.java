package dev.pointsman.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Hooks;
import dev.pointsman.model.Observed;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kind's applier with verification hooks around its writes. {@code beforeTraffic} runs before the
 * first write that sends any traffic to a new artifact; on failure nothing moves. {@code
 * afterTraffic} runs once the new artifact takes all traffic; on failure the pointer goes back to
 * what served before. Either way the change is held until Git changes (the record's spec is the
 * target plus the hooks), told once, and the commit is reported as not applied for it. A hook that
 * passed is recorded and not run again for the same spec (a restart mid-rollout, a drift heal that
 * puts back what Git declared and served); one that was running when the agent died is run again.
 * Plans and previews never apply, so hooks never run in them.
 */
public final class HookedApplier<D extends DesiredResource, O> implements Applier<D, O> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(HookedApplier.class);

  private final Applier<D, O> delegate;
  private final LiveReader<D, O> reader;
  private final HookSubject<D, O> subject;
  private final HookRunner runner;
  private final HookStore store;
  private final HookEvents events;

  public HookedApplier(
      Applier<D, O> delegate,
      LiveReader<D, O> reader,
      HookSubject<D, O> subject,
      HookRunner runner,
      HookStore store,
      HookEvents events) {
    this.delegate = delegate;
    this.reader = reader;
    this.subject = subject;
    this.runner = runner;
    this.store = store;
    this.events = events;
  }

  /** A plan note when this declaration's hook failed and holds it (until Git changes). */
  public List<String> notes(D desired) {
    Optional<Hooks> hooks = subject.hooks(desired);
    if (hooks.isEmpty()) return List.of();
    return store
        .get(desired.id().toString(), spec(desired, hooks.get()))
        .filter(HookStore.Record::holds)
        .map(r -> List.of("held until Git changes: " + r.held()))
        .orElse(List.of());
  }

  private String spec(D desired, Hooks hooks) {
    return subject.target(desired) + "|" + Objects.hashCode(hooks);
  }

  @Override
  public ApplyResult apply(Environment env, D desired, O observed, Change change) {
    return apply(new Commit("", "", "", Instant.EPOCH), env, desired, observed, change);
  }

  @Override
  public ApplyResult apply(Commit commit, Environment env, D desired, O observed, Change change) {
    Optional<Hooks> hooks = subject.hooks(desired);
    if (hooks.isEmpty()) return delegate.apply(commit, env, desired, observed, change);
    String key = desired.id().toString();
    String target = subject.target(desired);
    String spec = spec(desired, hooks.get());
    Optional<HookStore.Record> record = store.get(key, spec);
    if (record.filter(HookStore.Record::holds).isPresent())
      return ApplyResult.deferred(change, "held until Git changes: " + record.get().held());
    boolean newArtifact = !subject.serving(observed).contains(target);
    if (newArtifact
        && hooks.get().beforeTraffic().isPresent()
        && record.filter(HookStore.Record::beforePassed).isEmpty()) {
      Hooks.Hook hook = hooks.get().beforeTraffic().get();
      log.info("{}: running beforeTraffic hook {} for {}", desired.id(), hook.describe(), target);
      HookResult r =
          runner.run(
              env, hook, payload(commit, env, desired, observed, Hooks.Phase.BEFORE_TRAFFIC));
      if (!r.passed()) {
        return held(key, spec, change, hook, Hooks.Phase.BEFORE_TRAFFIC, r, "nothing moved");
      }
      store.passed(key, spec, true);
    }
    ApplyResult written = delegate.apply(commit, env, desired, observed, change);
    if (written.failed() || written.deferred() || !subject.allTraffic(desired)) return written;
    if (hooks.get().afterTraffic().isEmpty()
        || store.get(key, spec).filter(HookStore.Record::afterPassed).isPresent()) {
      return written;
    }
    Hooks.Hook hook = hooks.get().afterTraffic().get();
    log.info("{}: running afterTraffic hook {} for {}", desired.id(), hook.describe(), target);
    HookResult r =
        runner.run(env, hook, payload(commit, env, desired, observed, Hooks.Phase.AFTER_TRAFFIC));
    if (r.passed()) {
      store.passed(key, spec, false);
      return written;
    }
    String undo = rollback(commit, env, desired, observed);
    return held(key, spec, change, hook, Hooks.Phase.AFTER_TRAFFIC, r, undo);
  }

  /** Puts back what served before; says what happened. */
  private String rollback(Commit commit, Environment env, D desired, O before) {
    Optional<D> back = subject.rollback(desired, before);
    if (back.isEmpty()) return "nothing served before it; left as it is";
    var read = reader.read(env, List.of(back.get())).get(desired.id());
    if (!(read instanceof Observed.Ok<O> now)) return "could not re-read it to roll back";
    Change undo =
        new Change(
            desired.id(),
            Action.UPDATE,
            List.of(new FieldChange("target", subject.target(desired), subject.target(back.get()))),
            back.get());
    ApplyResult r = delegate.apply(commit, env, back.get(), now.value(), undo);
    return r.failed()
        ? "rolling back to " + subject.target(back.get()) + " FAILED: " + r.detail()
        : "rolled back to " + subject.target(back.get());
  }

  private ApplyResult held(
      String key,
      String spec,
      Change change,
      Hooks.Hook hook,
      Hooks.Phase phase,
      HookResult r,
      String consequence) {
    String why =
        phase.wire()
            + " hook "
            + hook.describe()
            + " failed after "
            + r.took().toMillis()
            + " ms ("
            + consequence
            + "): "
            + r.detail();
    store.hold(key, spec, why);
    events.publish(change.id(), "Hook failed: " + phase.wire() + " " + hook.describe(), why);
    return ApplyResult.failed(change, "held until Git changes: " + why);
  }

  private ObjectNode payload(Commit commit, Environment env, D d, O observed, Hooks.Phase phase) {
    ObjectNode p =
        JSON.createObjectNode()
            .put("environment", env.name())
            .put("kind", d.id().kind())
            .put("name", d.metadataName())
            .put("phase", phase.wire());
    ObjectNode pointer = p.putObject("pointer");
    subject.pointer(d).forEach(pointer::put);
    p.put("from", subject.live(observed).orElse(null));
    p.put("to", subject.target(d));
    p.putObject("commit").put("sha", commit.sha()).put("author", commit.author());
    return p;
  }
}
