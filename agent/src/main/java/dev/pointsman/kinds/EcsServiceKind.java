package dev.pointsman.kinds;

import dev.pointsman.apply.ecs.EcsServiceApplier;
import dev.pointsman.aws.AwsOperation;
import dev.pointsman.aws.ecs.TaskDefinitions;
import dev.pointsman.live.ecs.EcsServiceReader;
import dev.pointsman.manifest.EcsServiceParser;
import dev.pointsman.manifest.KindParser;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.EcsServiceObservation;
import dev.pointsman.plan.ecs.EcsServiceDiffer;
import dev.pointsman.reconcile.KindModule;
import java.util.List;
import java.util.Map;

/** {@code EcsService}: the image digests, environment, secrets and count of an ECS service. */
public final class EcsServiceKind implements KindDescriptor<EcsService, EcsServiceObservation> {
  @Override
  public String kind() {
    return EcsService.KIND;
  }

  @Override
  public Class<EcsService> type() {
    return EcsService.class;
  }

  @Override
  public KindParser parser() {
    return new EcsServiceParser();
  }

  @Override
  public List<AwsOperation> operations() {
    return List.of(
        AwsOperation.of("ecs", "DescribeServices"),
        AwsOperation.of("ecs", "DescribeTaskDefinition"),
        AwsOperation.of("ecs", "ListTaskDefinitions"),
        AwsOperation.of("ecs", "RegisterTaskDefinition"),
        AwsOperation.of("ecs", "UpdateService"));
  }

  @Override
  public Map<String, Double> quotaFamilies() {
    return Map.of(
        "ecs", 20.0,
        "ecs-describeservices", 20.0,
        "ecs-updateservice", 5.0,
        "ecs-registertaskdefinition", 1.0);
  }

  @Override
  public KindModule<EcsService, EcsServiceObservation> module(KindContext context) {
    TaskDefinitions taskDefinitions = new TaskDefinitions(context.clients(), context.calls());
    return new KindModule<>(
        EcsService.class,
        new EcsServiceReader(context.clients(), context.calls(), taskDefinitions),
        new EcsServiceDiffer(),
        new EcsServiceApplier(context.clients(), context.calls(), taskDefinitions));
  }
}
