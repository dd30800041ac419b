package dev.pointsman.aws;

import dev.pointsman.model.Environment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Refuses to act on an environment unless the caller identity is in the account the manifests name:
 * a wrong profile or endpoint must never move pointers in somebody else's account.
 */
public final class AccountGuard {
  /** How long a confirmed identity is trusted before STS is asked again. */
  static final Duration CONFIRMED_FOR = Duration.ofMinutes(15);

  private final AwsClients clients;
  private final AwsCalls calls;
  private final Clock clock;
  private final Map<String, Instant> confirmed = new ConcurrentHashMap<>();

  public AccountGuard(AwsClients clients, AwsCalls calls, Clock clock) {
    this.clients = clients;
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * Empty when the caller is in the environment's account; otherwise why not. A match is remembered
   * for {@link #CONFIRMED_FOR} (the credentials of an environment do not move between accounts by
   * themselves; a sweep in slices would otherwise ask STS once per slice); a mismatch or failure is
   * asked again every time.
   */
  public Optional<String> check(Environment env) {
    // The caller's identity follows the credentials (Region's endpoint, role), not the
    // environment's name: environments that share them are confirmed by one STS call.
    String key = env.accountId() + "|" + env.region() + "|" + env.roleArn().orElse("");
    Instant until = confirmed.get(key);
    if (until != null && clock.instant().isBefore(until)) return Optional.empty();
    try {
      String actual = calls.call(() -> clients.sts(env).getCallerIdentity()).account();
      if (actual.equals(env.accountId())) {
        confirmed.put(key, clock.instant().plus(CONFIRMED_FOR));
        return Optional.empty();
      }
      confirmed.remove(key);
      return Optional.of(
          "credentials belong to account "
              + actual
              + ", but environment "
              + env.name()
              + " declares account "
              + env.accountId()
              + "; refusing to touch it");
    } catch (SdkException e) {
      confirmed.remove(key);
      return Optional.of(
          "cannot establish the caller's account (STS GetCallerIdentity): "
              + AwsFailure.describe(e));
    }
  }
}
