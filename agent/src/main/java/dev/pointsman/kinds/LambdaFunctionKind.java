package dev.pointsman.kinds;

import dev.pointsman.apply.lambda.LambdaFunctionApplier;
import dev.pointsman.aws.AwsOperation;
import dev.pointsman.live.lambda.LambdaFunctionReader;
import dev.pointsman.manifest.KindParser;
import dev.pointsman.manifest.LambdaFunctionParser;
import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.LambdaFunctionObservation;
import dev.pointsman.plan.lambda.LambdaFunctionDiffer;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.PromotionRehearsal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code LambdaFunction}: code from an S3 object version plus environment variables and KMS key,
 * published as content-addressed versions that aliases name with {@code publishedFrom}. Listed
 * before LambdaAlias in {@link Kinds#all()}, so that a pass publishes before it moves aliases.
 */
public final class LambdaFunctionKind
    implements KindDescriptor<LambdaFunction, LambdaFunctionObservation> {
  @Override
  public String kind() {
    return LambdaFunction.KIND;
  }

  @Override
  public Class<LambdaFunction> type() {
    return LambdaFunction.class;
  }

  @Override
  public KindParser parser() {
    return new LambdaFunctionParser();
  }

  @Override
  public List<AwsOperation> operations() {
    return List.of(
        AwsOperation.of("lambda", "GetFunctionConfiguration"),
        AwsOperation.of("lambda", "ListVersionsByFunction"),
        AwsOperation.of("lambda", "UpdateFunctionCode"),
        AwsOperation.of("lambda", "UpdateFunctionConfiguration"),
        AwsOperation.of("lambda", "PublishVersion"));
  }

  @Override
  public Map<String, Double> quotaFamilies() {
    return Map.of("lambda", 15.0);
  }

  @Override
  public KindModule<LambdaFunction, LambdaFunctionObservation> module(KindContext context) {
    return new KindModule<>(
        LambdaFunction.class,
        new LambdaFunctionReader(context.clients(), context.calls()),
        new LambdaFunctionDiffer(),
        new LambdaFunctionApplier(context.clients(), context.calls()));
  }

  /**
   * Not rehearsed: a function's code update waits for AWS to make the function active again
   * (seconds), against which the first one's cold milliseconds do not matter; its SDK calls are
   * rehearsed ({@link dev.pointsman.aws.SdkModels#prepareAndRehearse}).
   */
  @Override
  public Optional<PromotionRehearsal.Script> rehearsal() {
    return Optional.empty();
  }
}
