package dev.pointsman.aws.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.Environment;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Whether a Lambda alias's resource policy lets a given REST API invoke it: one GetPolicy per
 * (function, alias). A statement counts when it is ours (by statement id) or when it grants
 * apigateway.amazonaws.com with a source ARN of this API.
 */
public final class LambdaPermissions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AwsClients clients;
  private final AwsCalls calls;

  public LambdaPermissions(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  /**
   * One statement per API and alias: unique within any policy, whether a policy is per alias or per
   * function.
   */
  public static String statementId(String apiId, String alias) {
    return "pointsman-apigateway-" + apiId + "-" + alias;
  }

  public static String sourceArn(Environment env, String apiId) {
    return "arn:aws:execute-api:" + env.region() + ":" + env.accountId() + ":" + apiId + "/*";
  }

  public Map<String, Boolean> present(Environment env, String apiId, ApiStage stage) {
    Map<String, Boolean> result = new HashMap<>();
    for (ApiStage.LambdaPermission p : stage.lambdaPermissions()) {
      String alias = stage.variables().get(p.aliasFromVariable());
      result.put(
          ApiStageObservation.permissionKey(p.functionName(), alias),
          granted(env, apiId, p.functionName(), alias));
    }
    return result;
  }

  private boolean granted(Environment env, String apiId, String function, String alias) {
    String policy;
    try {
      policy =
          calls
              .call(
                  () ->
                      clients.lambda(env).getPolicy(r -> r.functionName(function).qualifier(alias)))
              .policy();
    } catch (ResourceNotFoundException e) {
      return false;
    }
    try {
      JsonNode statements = JSON.readTree(policy).path("Statement");
      String prefix =
          "arn:aws:execute-api:" + env.region() + ":" + env.accountId() + ":" + apiId + "/";
      for (JsonNode s : statements) {
        if (statementId(apiId, alias).equals(s.path("Sid").asText())) return true;
        boolean apigw =
            s.path("Principal").path("Service").asText().equals("apigateway.amazonaws.com");
        String source = s.path("Condition").path("ArnLike").path("AWS:SourceArn").asText("");
        if (apigw && "Allow".equals(s.path("Effect").asText()) && source.startsWith(prefix))
          return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
