package dev.pointsman.kinds;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.rollout.Rollouts;
import java.time.Clock;
import java.util.Optional;

/**
 * What a kind's run-time module is built from: the clients, the retry policy, the clock, and
 * progressive rollouts when the caller keeps rollout records (the agent does; one-shot commands do
 * not).
 */
public record KindContext(
    AwsClients clients, AwsCalls calls, Optional<Rollouts> rollouts, Clock clock) {}
