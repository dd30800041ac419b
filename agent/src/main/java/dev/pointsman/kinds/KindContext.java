package dev.pointsman.kinds;

import dev.pointsman.apply.Applier;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.hooks.HookSubject;
import dev.pointsman.hooks.HookSupport;
import dev.pointsman.hooks.HookedApplier;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.rollout.Rollouts;
import java.time.Clock;
import java.util.Optional;

/**
 * What a kind's run-time module is built from: the clients, the retry policy, the clock, and
 * progressive rollouts when the caller keeps rollout records (the agent does; one-shot commands do
 * not).
 */
public record KindContext(
    AwsClients clients,
    AwsCalls calls,
    Optional<Rollouts> rollouts,
    Clock clock,
    Optional<HookSupport> hooks) {
  public KindContext(AwsClients clients, AwsCalls calls, Optional<Rollouts> rollouts, Clock clock) {
    this(clients, calls, rollouts, clock, Optional.empty());
  }

  /**
   * {@code applier} with the verification hooks of {@code subject}, when hooks are supported (empty
   * otherwise: plans and previews, which never apply).
   */
  public <D extends DesiredResource, O> Optional<HookedApplier<D, O>> hooked(
      Applier<D, O> applier, LiveReader<D, O> reader, HookSubject<D, O> subject) {
    return hooks.map(
        h -> new HookedApplier<>(applier, reader, subject, h.runner(), h.store(), h.events()));
  }
}
