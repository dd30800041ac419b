package dev.pointsman.aws;

import dev.pointsman.model.Environment;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Refuses to act on an environment unless the caller identity is in the account the manifests name:
 * a wrong profile or endpoint must never move pointers in somebody else's account.
 */
public final class AccountGuard {
  private final AwsClients clients;
  private final AwsCalls calls;

  public AccountGuard(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  /** Empty when the caller is in the environment's account; otherwise why not. */
  public Optional<String> check(Environment env) {
    try {
      String actual = calls.call(() -> clients.sts(env).getCallerIdentity()).account();
      if (actual.equals(env.accountId())) return Optional.empty();
      return Optional.of(
          "credentials belong to account "
              + actual
              + ", but environment "
              + env.name()
              + " declares account "
              + env.accountId()
              + "; refusing to touch it");
    } catch (SdkException e) {
      return Optional.of(
          "cannot establish the caller's account (STS GetCallerIdentity): "
              + AwsFailure.describe(e));
    }
  }
}
