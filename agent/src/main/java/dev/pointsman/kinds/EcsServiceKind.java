package dev.pointsman.kinds;

import dev.pointsman.apply.ecs.EcsServiceApplier;
import dev.pointsman.aws.AwsOperation;
import dev.pointsman.aws.ScriptedLoopback;
import dev.pointsman.aws.ecs.TaskDefinitions;
import dev.pointsman.live.ecs.EcsServiceReader;
import dev.pointsman.manifest.EcsServiceParser;
import dev.pointsman.manifest.KindParser;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.EcsServiceObservation;
import dev.pointsman.plan.ecs.EcsServiceDiffer;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.PromotionRehearsal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * Service {@code rehearsal} of cluster {@code rehearsal} moved to a new image digest each round:
   * DescribeServices, DescribeTaskDefinition of the live revision, ListTaskDefinitions (a revision
   * with that content to reuse: none), RegisterTaskDefinition, UpdateService.
   */
  @Override
  public Optional<PromotionRehearsal.Script> rehearsal() {
    String ecs = "POST / AmazonEC2ContainerServiceV20141113\\.";
    String arn = "arn:aws:ecs:us-east-1:000000000000:task-definition/rehearsal:";
    String service =
        """
        {"serviceArn": "arn:aws:ecs:us-east-1:000000000000:service/rehearsal/rehearsal",
          "serviceName": "rehearsal", "status": "ACTIVE", "desiredCount": 1,
          "taskDefinition": "%s1"}"""
            .formatted(arn);
    String taskDefinition =
        """
        {"taskDefinition": {"taskDefinitionArn": "%s%d", "family": "rehearsal",
          "revision": %d, "status": "ACTIVE", "containerDefinitions": [{"name": "web",
          "image": "registry.example.com/rehearsal@sha256:%064d", "essential": true}]}}""";
    return Optional.of(
        new PromotionRehearsal.Script(
            kind(),
            n ->
                """
                cluster: rehearsal
                service: rehearsal
                containers:
                  - name: web
                    image: registry.example.com/rehearsal@sha256:%064d
                """
                    .formatted(n + 2),
            List.of(
                ScriptedLoopback.Answer.of(
                    ecs + "DescribeServices",
                    "{\"services\": [" + service + "], \"failures\": []}"),
                ScriptedLoopback.Answer.of(
                    ecs + "DescribeTaskDefinition", taskDefinition.formatted(arn, 1, 1, 1)),
                ScriptedLoopback.Answer.of(
                    ecs + "ListTaskDefinitions", "{\"taskDefinitionArns\": [\"" + arn + "1\"]}"),
                ScriptedLoopback.Answer.of(
                    ecs + "RegisterTaskDefinition", taskDefinition.formatted(arn, 2, 2, 2)),
                ScriptedLoopback.Answer.of(
                    ecs + "UpdateService", "{\"service\": " + service + "}"))));
  }
}
