package dev.pointsman.apply.lambda;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.aws.lambda.FunctionVersions;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.LambdaFunctionObservation;
import dev.pointsman.model.LambdaFunctionObservation.Content;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.lambda.LambdaFunctionDiffer;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Makes $LATEST carry the spec's code and owned configuration (UpdateFunctionCode from the S3
 * object version, UpdateFunctionConfiguration for variables and KMS key), waits until Lambda has
 * finished the update, checks the code hash, and publishes exactly one version. Nothing is
 * published when a version with this content exists already: the observation said so (the plan is
 * then in sync), and the versions are listed again right before publishing, so an agent killed
 * between the update and the publish publishes once, never twice.
 */
public final class LambdaFunctionApplier
    implements Applier<LambdaFunction, LambdaFunctionObservation> {
  /** How long Lambda may take to finish an update before the change fails (retried next pass). */
  static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(2);

  private final AwsClients clients;
  private final AwsCalls calls;

  public LambdaFunctionApplier(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  @Override
  public ApplyResult apply(
      Environment env, LambdaFunction d, LambdaFunctionObservation observed, Change change) {
    LambdaClient lambda = clients.lambda(env);
    try {
      Content latest = observed.latest();
      if (!d.code().sha256().equals(latest.codeSha256())) {
        calls.call(
            () ->
                lambda.updateFunctionCode(
                    r ->
                        r.functionName(d.functionName())
                            .s3Bucket(d.code().s3Bucket())
                            .s3Key(d.code().s3Key())
                            .s3ObjectVersion(d.code().s3ObjectVersion().orElse(null))));
        waitUntilUpdated(lambda, d.functionName());
      }
      if (!d.variables().equals(latest.variables()) || !d.kmsKeyArn().equals(latest.kmsKeyArn())) {
        calls.call(
            () ->
                lambda.updateFunctionConfiguration(
                    r ->
                        r.functionName(d.functionName())
                            .environment(e -> e.variables(d.variables()))
                            // An empty ARN puts the function back on Lambda's own key.
                            .kmsKeyArn(d.kmsKeyArn().orElse(""))));
        waitUntilUpdated(lambda, d.functionName());
      }
      GetFunctionConfigurationResponse now =
          calls.call(() -> lambda.getFunctionConfiguration(r -> r.functionName(d.functionName())));
      Content after = FunctionVersions.content(now);
      if (!d.code().sha256().equals(after.codeSha256())) {
        return ApplyResult.failed(
            change,
            "the package at s3://"
                + d.code().s3Bucket()
                + "/"
                + d.code().s3Key()
                + " has CodeSha256 "
                + after.codeSha256()
                + ", but spec.code.sha256 is "
                + d.code().sha256()
                + "; nothing was published");
      }
      if (!LambdaFunctionDiffer.latestChanges(d, after).isEmpty()) {
        return ApplyResult.failed(
            change,
            "$LATEST changed while it was being updated (someone else?); nothing was published");
      }
      Optional<String> existing =
          LambdaFunctionObservation.match(
              FunctionVersions.list(lambda, calls, d.functionName()), d);
      if (existing.isPresent()) {
        return new ApplyResult(
            change,
            ApplyResult.Outcome.UPDATED,
            "version " + existing.get() + " has this content already");
      }
      String version =
          calls
              .call(
                  () ->
                      lambda.publishVersion(
                          r ->
                              r.functionName(d.functionName())
                                  // AWS refuses to publish if $LATEST changed since it was checked.
                                  .codeSha256(d.code().sha256())
                                  .revisionId(now.revisionId())
                                  .description("pointsman: " + d.metadataName())))
              .version();
      return new ApplyResult(change, ApplyResult.Outcome.UPDATED, "published version " + version);
    } catch (SdkException e) {
      return ApplyResult.failed(change, AwsFailure.describe(e));
    }
  }

  private void waitUntilUpdated(LambdaClient lambda, String function) {
    lambda
        .waiter()
        .waitUntilFunctionUpdated(
            r -> r.functionName(function),
            o ->
                o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(500)))
                    .waitTimeout(UPDATE_TIMEOUT));
  }
}
