package dev.pointsman.aws.ecs;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * Task definitions by ARN. A revision never changes, so each is described once for the life of the
 * process: after the first sweep, reading a converged service costs no DescribeTaskDefinition.
 */
public final class TaskDefinitions {
  /** How far back a revert may look for a revision to reuse. */
  public static final int REUSE_WINDOW = 100;

  private final AwsClients clients;
  private final AwsCalls calls;
  private final Map<String, TaskDefinition> byArn = new ConcurrentHashMap<>();

  public TaskDefinitions(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  public TaskDefinition describe(Environment env, String arn) {
    TaskDefinition cached = byArn.get(arn);
    if (cached != null) return cached;
    TaskDefinition td =
        calls
            .call(() -> clients.ecs(env).describeTaskDefinition(r -> r.taskDefinition(arn)))
            .taskDefinition();
    byArn.put(td.taskDefinitionArn(), td);
    return td;
  }

  /** ACTIVE revision ARNs of {@code family}, newest first, at most {@link #REUSE_WINDOW}. */
  public List<String> activeRevisions(Environment env, String family) {
    List<String> arns = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      ListTaskDefinitionsResponse response =
          calls.call(
              () ->
                  clients
                      .ecs(env)
                      .listTaskDefinitions(
                          r ->
                              r.familyPrefix(family)
                                  .status(TaskDefinitionStatus.ACTIVE)
                                  .sort(SortOrder.DESC)
                                  .nextToken(page)));
      response.taskDefinitionArns().stream()
          .filter(a -> a.substring(a.lastIndexOf('/') + 1).startsWith(family + ":"))
          .forEach(arns::add);
      token = response.nextToken();
    } while (token != null && arns.size() < REUSE_WINDOW);
    return arns.size() > REUSE_WINDOW ? arns.subList(0, REUSE_WINDOW) : arns;
  }

  /** The owned fields of every container, with complete environment and secrets. */
  public static Map<String, EcsService.Container> containers(TaskDefinition td) {
    Map<String, EcsService.Container> result = new LinkedHashMap<>();
    for (ContainerDefinition c : td.containerDefinitions()) {
      Map<String, String> env = new LinkedHashMap<>();
      c.environment().forEach(kv -> env.put(kv.name(), kv.value()));
      Map<String, String> secrets = new LinkedHashMap<>();
      c.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
      result.put(
          c.name(),
          new EcsService.Container(c.name(), c.image(), Optional.of(env), Optional.of(secrets)));
    }
    return result;
  }
}
