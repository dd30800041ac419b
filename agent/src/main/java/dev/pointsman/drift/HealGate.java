package dev.pointsman.drift;

import dev.pointsman.model.ResourceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one heal per resource per minimum gap, so two tools fighting over one field cannot make
 * the agent flap.
 */
public final class HealGate {
  private final Clock clock;
  private final Duration gap;
  private final Map<ResourceId, Instant> lastHeal = new ConcurrentHashMap<>();

  public HealGate(Clock clock, Duration gap) {
    this.clock = clock;
    this.gap = gap;
  }

  /** Empty when the resource may be healed now; otherwise when it may be healed next. */
  public Optional<Instant> deferredUntil(ResourceId id) {
    Instant last = lastHeal.get(id);
    if (last == null) return Optional.empty();
    Instant next = last.plus(gap);
    return clock.instant().isBefore(next) ? Optional.of(next) : Optional.empty();
  }

  public void healed(ResourceId id) {
    lastHeal.put(id, clock.instant());
  }
}
