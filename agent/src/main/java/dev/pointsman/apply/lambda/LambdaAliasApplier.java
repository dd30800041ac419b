package dev.pointsman.apply.lambda;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.plan.Change;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;

/**
 * Exactly one CreateAlias or UpdateAlias per changed alias. Updates carry the RevisionId read in
 * the same pass, so an alias changed by someone else in between is not overwritten blindly: AWS
 * answers PreconditionFailed and the next pass re-reads and re-plans.
 */
public final class LambdaAliasApplier implements Applier<LambdaAlias, LambdaAliasObservation> {
  private final AwsClients clients;
  private final AwsCalls calls;

  public LambdaAliasApplier(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  @Override
  public ApplyResult apply(
      Environment env, LambdaAlias desired, LambdaAliasObservation observed, Change change) {
    if (desired.awaitsPublish()) {
      return ApplyResult.deferred(
          change,
          "waits for LambdaFunction "
              + desired.publishedFrom().map(LambdaAlias.PublishedFrom::name).orElse("?")
              + " to publish a version with its content");
    }
    LambdaClient lambda = clients.lambda(env);
    AliasRoutingConfiguration routing = routing(desired);
    try {
      switch (change.action()) {
        case NONE -> {
          return ApplyResult.done(change, ApplyResult.Outcome.UNCHANGED);
        }
        case CREATE -> {
          calls.call(
              () ->
                  lambda.createAlias(
                      r ->
                          r.functionName(desired.functionName())
                              .name(desired.alias())
                              .functionVersion(desired.version())
                              .routingConfig(routing)
                              .description("managed by pointsman")));
          return ApplyResult.done(change, ApplyResult.Outcome.CREATED);
        }
        case UPDATE -> {
          String revision = observed.alias().map(LiveLambdaAlias::revisionId).orElse(null);
          calls.call(
              () ->
                  lambda.updateAlias(
                      r ->
                          r.functionName(desired.functionName())
                              .name(desired.alias())
                              .functionVersion(desired.version())
                              .routingConfig(routing)
                              .revisionId(revision)));
          return ApplyResult.done(change, ApplyResult.Outcome.UPDATED);
        }
        default -> throw new IllegalStateException("unknown action " + change.action());
      }
    } catch (PreconditionFailedException e) {
      return ApplyResult.failed(
          change,
          "alias changed since it was read (RevisionId mismatch); it will be re-read and re-planned: "
              + AwsFailure.describe(e));
    } catch (SdkException e) {
      return ApplyResult.failed(change, AwsFailure.describe(e));
    }
  }

  /** Percent in Git, fraction in AWS; an empty map clears routing. */
  static AliasRoutingConfiguration routing(LambdaAlias desired) {
    Map<String, Double> weights =
        desired
            .routing()
            .map(r -> Map.of(r.version(), r.weight().fraction().doubleValue()))
            .orElse(Map.of());
    return AliasRoutingConfiguration.builder().additionalVersionWeights(weights).build();
  }
}
