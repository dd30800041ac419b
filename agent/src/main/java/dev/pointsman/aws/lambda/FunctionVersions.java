package dev.pointsman.aws.lambda;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.model.LambdaFunctionObservation.Content;
import dev.pointsman.model.LambdaFunctionObservation.Published;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;

/**
 * Every published version of a function with its owned content, by ListVersionsByFunction (shared
 * by the LambdaFunction reader and applier and the LambdaAlias reader).
 */
public final class FunctionVersions {
  private FunctionVersions() {}

  public static List<Published> list(LambdaClient lambda, AwsCalls calls, String function) {
    List<Published> out = new ArrayList<>();
    String marker = null;
    do {
      String page = marker;
      ListVersionsByFunctionResponse response =
          calls.call(
              () ->
                  lambda.listVersionsByFunction(
                      r -> r.functionName(function).marker(page).maxItems(50)));
      for (FunctionConfiguration c : response.versions()) {
        if ("$LATEST".equals(c.version())) continue;
        out.add(new Published(c.version(), content(c)));
      }
      marker = response.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return out;
  }

  public static Content content(FunctionConfiguration c) {
    return content(c.codeSha256(), c.environment(), c.kmsKeyArn());
  }

  public static Content content(GetFunctionConfigurationResponse c) {
    return content(c.codeSha256(), c.environment(), c.kmsKeyArn());
  }

  private static Content content(String sha, EnvironmentResponse env, String kms) {
    Map<String, String> vars = env == null || env.variables() == null ? Map.of() : env.variables();
    return new Content(sha, vars, Optional.ofNullable(kms));
  }
}
