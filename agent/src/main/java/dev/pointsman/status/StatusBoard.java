package dev.pointsman.status;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.model.ResourceId;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.plan.PlanError;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What /api/status shows: per resource, whether it is in sync, drifted or in error, and why. */
public final class StatusBoard {
  private final Map<ResourceId, ResourceStatus> resources = new ConcurrentHashMap<>();
  private volatile Optional<CommitStatus> lastApplied = Optional.empty();
  private volatile Optional<CommitStatus> lastSeen = Optional.empty();
  private volatile List<String> lastRejection = List.of();
  private volatile Declared declared = new Declared(List::of);
  private volatile Map<String, String> problems = Map.of();
  private volatile List<String> environments = List.of();
  private final AtomicLong version = new AtomicLong();
  private final History history;

  public StatusBoard() {
    this(History.inMemory());
  }

  /** With the applied-commit history kept in {@code history}. */
  public StatusBoard(History history) {
    this.history = history;
  }

  /**
   * A pointer the live commit declares: its document name, what it belongs to, and what Git says it
   * points at.
   */
  public record Pointer(ResourceId id, String metadataName, String group, String target) {}

  public enum State {
    IN_SYNC,
    /** A change is planned and waits (for a deployment in progress, say). */
    PENDING,
    /** Not applied by itself until Git changes (AppConfig rolled it back, say). */
    HELD,
    DRIFTED,
    ERROR
  }

  /** One difference: the field, what Git wants, what is live. */
  public record Difference(String field, String desired, String live) {}

  public record ResourceStatus(
      ResourceId id,
      State state,
      List<Difference> differences,
      Optional<String> error,
      String commit) {}

  public record CommitStatus(String sha, String subject, Instant at) {}

  /** Records the outcome of a pass; {@code applied} passes clear what they fixed. */
  public void record(PassResult result) {
    version.incrementAndGet();
    String sha = result.commit().sha();
    Map<ResourceId, ApplyResult> applied = new HashMap<>();
    result.applied().forEach(a -> applied.put(a.change().id(), a));
    for (Change c : result.plan().changes()) {
      ApplyResult a = applied.get(c.id());
      if (a != null && a.deferred()) {
        resources.put(
            c.id(),
            new ResourceStatus(
                c.id(), State.PENDING, differences(c), Optional.of(a.detail()), sha));
      } else if ((c.action() == Action.NONE || c.action() == Action.HOLD)
          && PassResult.held(c).isPresent()) {
        resources.put(
            c.id(),
            new ResourceStatus(
                c.id(), State.HELD, List.of(), Optional.of(PassResult.held(c).get()), sha));
      } else if (c.action() == Action.NONE || (a != null && !a.failed())) {
        resources.put(
            c.id(), new ResourceStatus(c.id(), State.IN_SYNC, List.of(), Optional.empty(), sha));
      } else if (a != null) {
        resources.put(
            c.id(),
            new ResourceStatus(c.id(), State.ERROR, differences(c), Optional.of(a.detail()), sha));
      } else {
        resources.put(
            c.id(),
            new ResourceStatus(c.id(), State.DRIFTED, differences(c), Optional.empty(), sha));
      }
    }
    for (PlanError e : result.plan().errors()) {
      resources.put(
          e.id(),
          new ResourceStatus(e.id(), State.ERROR, List.of(), Optional.of(e.message()), sha));
    }
  }

  /** Resources Git no longer declares: no longer shown (Pointsman left them as they are live). */
  public void forget(Collection<ResourceId> ids) {
    ids.forEach(resources::remove);
    version.incrementAndGet();
  }

  public void seen(String sha, String subject, Instant at) {
    lastSeen = Optional.of(new CommitStatus(sha, subject, at));
    version.incrementAndGet();
  }

  public void applied(String sha, String subject, Instant at) {
    lastApplied = Optional.of(new CommitStatus(sha, subject, at));
    version.incrementAndGet();
  }

  public void rejected(List<String> errors) {
    lastRejection = List.copyOf(errors);
    version.incrementAndGet();
  }

  /**
   * The pointers the live commit declares (replacing those of the commit before), and its
   * environments in the order the board shows them.
   */
  public void declare(Collection<Pointer> declared, List<String> environmentOrder) {
    List<Pointer> copy = List.copyOf(declared);
    declare(() -> copy, environmentOrder);
  }

  /**
   * As above, with the pointers listed by {@code declared} when first asked for (the board, the
   * status API), not on the caller's thread: a commit pass over a fleet of thousands declares them
   * after every promotion, and nobody may look before the next one.
   */
  public void declare(Supplier<? extends Collection<Pointer>> declared, List<String> order) {
    this.declared = new Declared(declared);
    environments = List.copyOf(order);
    version.incrementAndGet();
  }

  public List<String> environments() {
    return environments;
  }

  /** The pointers declared, one per resource (the last declared of an id), sorted by id. */
  public List<Pointer> pointers() {
    return declared.sorted();
  }

  /** Declared pointers, listed and sorted once, when first asked for. */
  private static final class Declared {
    private Supplier<? extends Collection<Pointer>> source;
    private List<Pointer> sorted;

    Declared(Supplier<? extends Collection<Pointer>> source) {
      this.source = source;
    }

    synchronized List<Pointer> sorted() {
      if (sorted == null) {
        Map<ResourceId, Pointer> byId = new HashMap<>();
        source.get().forEach(p -> byId.put(p.id(), p));
        sorted = byId.values().stream().sorted(Comparator.comparing(Pointer::id)).toList();
        source = null; // what it captured (a commit's declarations) may go
      }
      return sorted;
    }
  }

  /** The problems open now (Git, rejected commits, AWS errors), by key. */
  public void problems(Map<String, String> open) {
    if (open.equals(problems)) return;
    problems = Map.copyOf(open);
    version.incrementAndGet();
  }

  public Map<String, String> problems() {
    return problems;
  }

  public History history() {
    return history;
  }

  /** Changes whenever anything above does (the board's live feed watches it). */
  public long version() {
    return version.get();
  }

  /** Something shown beside the status changed (a drift's author, a rollout step). */
  public void touched() {
    version.incrementAndGet();
  }

  public List<ResourceStatus> resources() {
    return resources.values().stream().sorted(Comparator.comparing(ResourceStatus::id)).toList();
  }

  public Optional<CommitStatus> lastApplied() {
    return lastApplied;
  }

  public Optional<CommitStatus> lastSeen() {
    return lastSeen;
  }

  public List<String> lastRejection() {
    return lastRejection;
  }

  private static List<Difference> differences(Change c) {
    return c.fields().stream()
        .map((FieldChange f) -> new Difference(f.field(), f.to(), f.from()))
        .toList();
  }
}
