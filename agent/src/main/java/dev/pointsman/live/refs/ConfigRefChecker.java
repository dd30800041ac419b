package dev.pointsman.live.refs;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.model.ConfigRef;
import dev.pointsman.model.Environment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Checks that referenced SSM parameters and secrets exist, before anything in a commit is applied.
 * Parameters: GetParameters in batches of 10 without decryption, reading only the list of invalid
 * names (values are dropped unread). Secrets: DescribeSecret, which returns metadata, never values.
 * Hook functions: GetFunction.
 */
public final class ConfigRefChecker {
  private static final int BATCH = 10;
  private final AwsClients clients;
  private final AwsCalls calls;
  private final HookFunctions hookFunctions;

  public ConfigRefChecker(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
    this.hookFunctions = new HookFunctions(clients, calls);
  }

  /** For each reference that does not exist or cannot be checked, why. */
  public Map<String, String> problems(Environment env, List<ConfigRef> refs) {
    Map<String, String> problems = new HashMap<>();
    Set<String> parameters = new LinkedHashSet<>();
    Set<String> secrets = new LinkedHashSet<>();
    Set<String> functions = new LinkedHashSet<>();
    refs.forEach(
        r ->
            (switch (r.type()) {
                  case SSM_PARAMETER -> parameters;
                  case SECRET -> secrets;
                  case FUNCTION -> functions;
                })
                .add(r.id()));
    functions.forEach(id -> hookFunctions.check(env, id).ifPresent(p -> problems.put(id, p)));
    List<String> names = new ArrayList<>(parameters);
    for (int i = 0; i < names.size(); i += BATCH) {
      List<String> batch = names.subList(i, Math.min(i + BATCH, names.size()));
      try {
        calls
            .call(() -> clients.ssm(env).getParameters(r -> r.names(batch).withDecryption(false)))
            .invalidParameters()
            .forEach(
                n ->
                    problems.put(
                        n,
                        "SSM parameter "
                            + n
                            + " does not exist in account "
                            + env.accountId()
                            + " ("
                            + env.region()
                            + ")"));
      } catch (SdkException e) {
        batch.forEach(
            n ->
                problems.put(n, "cannot check SSM parameter " + n + ": " + AwsFailure.describe(e)));
      }
    }
    for (String arn : secrets) {
      try {
        calls.call(() -> clients.secretsManager(env).describeSecret(r -> r.secretId(arn)));
      } catch (ResourceNotFoundException e) {
        problems.put(arn, "secret " + arn + " does not exist");
      } catch (SdkException e) {
        problems.put(arn, "cannot check secret " + arn + ": " + AwsFailure.describe(e));
      }
    }
    return problems;
  }
}
