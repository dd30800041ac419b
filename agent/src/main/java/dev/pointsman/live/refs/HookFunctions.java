package dev.pointsman.live.refs;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.model.Environment;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Whether a hook function (name[:qualifier] or its ARN) exists: one GetFunction. */
final class HookFunctions {
  private final AwsClients clients;
  private final AwsCalls calls;

  HookFunctions(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  /** Empty when the function exists; otherwise why not. {@code id} is {@code lambda:<ref>}. */
  Optional<String> check(Environment env, String id) {
    String fn = id.substring("lambda:".length());
    // name:qualifier, or arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]
    String[] parts = fn.split(":");
    boolean arn = fn.startsWith("arn:");
    String name =
        arn ? String.join(":", Arrays.copyOf(parts, Math.min(parts.length, 7))) : parts[0];
    String qualifier =
        arn ? (parts.length > 7 ? parts[7] : null) : (parts.length > 1 ? parts[1] : null);
    try {
      calls.call(
          () -> clients.lambda(env).getFunction(r -> r.functionName(name).qualifier(qualifier)));
      return Optional.empty();
    } catch (ResourceNotFoundException e) {
      return Optional.of(
          "hook function "
              + fn
              + " does not exist in account "
              + env.accountId()
              + " ("
              + env.region()
              + ")");
    } catch (SdkException e) {
      return Optional.of("cannot check hook function " + fn + ": " + AwsFailure.describe(e));
    }
  }
}
