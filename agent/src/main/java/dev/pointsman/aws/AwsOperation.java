package dev.pointsman.aws;

import java.util.List;
import java.util.Locale;

/**
 * One AWS API operation the agent may call: the SDK's service and operation names (as the SDK
 * reports them to interceptors) and the IAM action that allows it. The documented least-privilege
 * policy and the rate-limit families are checked against these lists.
 */
public record AwsOperation(String service, String operation, String iamAction) {
  public AwsOperation {
    service = normalise(service);
  }

  /** The SDK's service name as {@link Quotas} keys it: lower case, no spaces. */
  public static String normalise(String sdkService) {
    return sdkService.toLowerCase(Locale.ROOT).replace(" ", "");
  }

  /** A service whose IAM actions are named after its operations ({@code lambda:ListAliases}). */
  public static AwsOperation of(String service, String operation) {
    return new AwsOperation(service, operation, normalise(service) + ":" + operation);
  }

  /** An API Gateway operation: IAM names the HTTP method ({@code apigateway:GET}). */
  public static AwsOperation apiGateway(String operation, String method) {
    return new AwsOperation("apigateway", operation, "apigateway:" + method);
  }

  /** Calls made whatever kinds are declared: the account check and the config-reference checks. */
  public static final List<AwsOperation> CORE =
      List.of(
          of("sts", "GetCallerIdentity"),
          of("sts", "AssumeRole"),
          of("ssm", "GetParameters"),
          of("secretsmanager", "DescribeSecret"));

  /** Calls of progressive rollouts (alarm state) and of the DynamoDB lease (several replicas). */
  public static final List<AwsOperation> ROLLOUTS = List.of(of("cloudwatch", "DescribeAlarms"));

  /**
   * Drift attribution (who made a change, from CloudTrail) and event-driven drift (a queue of
   * CloudTrail events an EventBridge rule fills).
   */
  public static final List<AwsOperation> CHANGE_EVENTS =
      List.of(
          of("cloudtrail", "LookupEvents"),
          of("sqs", "ReceiveMessage"),
          new AwsOperation("sqs", "DeleteMessageBatch", "sqs:DeleteMessage"));

  public static final List<AwsOperation> LEASE =
      List.of(of("dynamodb", "PutItem"), of("dynamodb", "DeleteItem"));

  /**
   * Reads only {@code pointsman import} makes (listing what exists), on top of the kinds' reads;
   * allowed by the import policy in docs/adopting.md, not needed by the agent.
   */
  public static final List<AwsOperation> IMPORT =
      List.of(
          of("lambda", "ListFunctions"),
          of("ecs", "ListClusters"),
          of("ecs", "ListServices"),
          of("ecs", "ListTasks"),
          of("ecs", "DescribeTasks"),
          of("appconfig", "GetDeployment"));

  public boolean matches(String sdkService, String sdkOperation) {
    return service.equals(normalise(sdkService)) && operation.equals(sdkOperation);
  }
}
