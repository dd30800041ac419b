package dev.pointsman.metrics;

import dev.pointsman.status.Health;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts every AWS call by service, operation and outcome, and tells Health when AWS answered. */
public final class AwsCallInterceptor implements ExecutionInterceptor {
  private final Metrics metrics;
  private final Health health;

  public AwsCallInterceptor(Metrics metrics, Health health) {
    this.metrics = metrics;
    this.health = health;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    metrics.awsCall(service(attributes), operation(attributes), "success");
    health.awsSucceeded();
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    String outcome =
        e instanceof AwsServiceException ase
                && ase.awsErrorDetails() != null
                && ase.awsErrorDetails().errorCode() != null
            ? ase.awsErrorDetails().errorCode()
            : "io_error";
    metrics.awsCall(service(attributes), operation(attributes), outcome);
    if (e instanceof AwsServiceException ase && ase.statusCode() < 500 && ase.statusCode() != 429) {
      health.awsSucceeded(); // AWS answered; a 4xx is about our request, not AWS being unreachable
    } else {
      health.awsFailed();
    }
  }

  private static String service(ExecutionAttributes a) {
    return String.valueOf(a.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
  }

  private static String operation(ExecutionAttributes a) {
    return String.valueOf(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }
}
