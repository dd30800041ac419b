package dev.pointsman.live.lambda;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.aws.lambda.FunctionVersions;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.LambdaFunctionObservation;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Reads a function's $LATEST (code hash, variables, KMS key, update status) with one
 * GetFunctionConfiguration and its published versions with ListVersionsByFunction.
 */
public final class LambdaFunctionReader
    implements LiveReader<LambdaFunction, LambdaFunctionObservation> {
  private final AwsClients clients;
  private final AwsCalls calls;

  public LambdaFunctionReader(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  @Override
  public Map<ResourceId, Observed<LambdaFunctionObservation>> read(
      Environment env, List<LambdaFunction> desired) {
    LambdaClient lambda = clients.lambda(env);
    Map<ResourceId, Observed<LambdaFunctionObservation>> result = new HashMap<>();
    for (LambdaFunction d : desired) {
      try {
        GetFunctionConfigurationResponse latest =
            calls.call(
                () -> lambda.getFunctionConfiguration(r -> r.functionName(d.functionName())));
        result.put(
            d.id(),
            Observed.ok(
                new LambdaFunctionObservation(
                    FunctionVersions.content(latest),
                    latest.lastUpdateStatusAsString(),
                    FunctionVersions.list(lambda, calls, d.functionName()))));
      } catch (ResourceNotFoundException e) {
        result.put(
            d.id(),
            Observed.failed(
                "function "
                    + d.functionName()
                    + " does not exist in account "
                    + env.accountId()
                    + " ("
                    + env.region()
                    + "); Pointsman updates functions, it does not create them"));
      } catch (SdkException e) {
        result.put(d.id(), Observed.failed("Lambda read failed: " + AwsFailure.describe(e)));
      }
    }
    return result;
  }
}
