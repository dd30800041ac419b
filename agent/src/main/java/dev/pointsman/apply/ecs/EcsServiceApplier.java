package dev.pointsman.apply.ecs;

import dev.pointsman.apply.Applier;
import dev.pointsman.apply.ApplyResult;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.aws.ecs.TaskDefinitions;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.EcsServiceObservation;
import dev.pointsman.model.Environment;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.ecs.EcsServiceDiffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Moves a service to a revision with the desired containers: an ACTIVE revision of the family with
 * exactly that content is reused (a revert points back, it does not re-register); otherwise one
 * revision is registered, derived from the service's current one. Then one UpdateService. Because
 * reuse is decided by content, an agent killed between RegisterTaskDefinition and UpdateService
 * finds its revision on restart instead of registering a duplicate.
 */
public final class EcsServiceApplier implements Applier<EcsService, EcsServiceObservation> {
  private static final Logger log = LoggerFactory.getLogger(EcsServiceApplier.class);
  private final AwsClients clients;
  private final AwsCalls calls;
  private final TaskDefinitions taskDefinitions;

  public EcsServiceApplier(AwsClients clients, AwsCalls calls, TaskDefinitions taskDefinitions) {
    this.clients = clients;
    this.calls = calls;
    this.taskDefinitions = taskDefinitions;
  }

  @Override
  public ApplyResult apply(
      Environment env, EcsService desired, EcsServiceObservation observed, Change change) {
    EcsServiceObservation.Live live = observed.service().orElseThrow();
    EcsClient ecs = clients.ecs(env);
    try {
      String target = live.taskDefinitionArn();
      if (EcsServiceDiffer.containersDiffer(change.fields())) {
        TaskDefinition current = taskDefinitions.describe(env, live.taskDefinitionArn());
        RegisterTaskDefinitionRequest wanted = TaskDefinitionRequests.derive(current, desired);
        target = reusable(env, current.family(), wanted).orElseGet(() -> register(ecs, wanted));
      }
      String taskDefinition = target;
      calls.call(
          () ->
              ecs.updateService(
                  r -> {
                    r.cluster(desired.cluster())
                        .service(desired.service())
                        .taskDefinition(taskDefinition);
                    desired.desiredCount().ifPresent(r::desiredCount);
                  }));
      return ApplyResult.done(change, ApplyResult.Outcome.UPDATED);
    } catch (SdkException e) {
      return ApplyResult.failed(change, AwsFailure.describe(e));
    }
  }

  private Optional<String> reusable(
      Environment env, String family, RegisterTaskDefinitionRequest wanted) {
    for (String arn : taskDefinitions.activeRevisions(env, family)) {
      if (TaskDefinitionRequests.of(taskDefinitions.describe(env, arn)).equals(wanted)) {
        log.info("reusing {}: it already has the desired content", arn);
        return Optional.of(arn);
      }
    }
    return Optional.empty();
  }

  private String register(EcsClient ecs, RegisterTaskDefinitionRequest wanted) {
    String arn =
        calls.call(() -> ecs.registerTaskDefinition(wanted)).taskDefinition().taskDefinitionArn();
    log.info("registered {}", arn);
    return arn;
  }
}
