package dev.pointsman.live.ecs;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.aws.ecs.TaskDefinitions;
import dev.pointsman.live.LiveReader;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.EcsServiceObservation;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Observed;
import dev.pointsman.model.ResourceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Reads services with DescribeServices in batches of 10 per cluster (the API's maximum) and their
 * task definitions through the immutable {@link TaskDefinitions} cache.
 */
public final class EcsServiceReader implements LiveReader<EcsService, EcsServiceObservation> {
  private static final int BATCH = 10;
  private final AwsClients clients;
  private final AwsCalls calls;
  private final TaskDefinitions taskDefinitions;

  public EcsServiceReader(AwsClients clients, AwsCalls calls, TaskDefinitions taskDefinitions) {
    this.clients = clients;
    this.calls = calls;
    this.taskDefinitions = taskDefinitions;
  }

  @Override
  public Map<ResourceId, Observed<EcsServiceObservation>> read(
      Environment env, List<EcsService> desired) {
    Map<String, List<EcsService>> byCluster = new LinkedHashMap<>();
    desired.forEach(d -> byCluster.computeIfAbsent(d.cluster(), k -> new ArrayList<>()).add(d));
    Map<ResourceId, Observed<EcsServiceObservation>> result = new HashMap<>();
    byCluster.forEach(
        (cluster, services) -> {
          for (int i = 0; i < services.size(); i += BATCH) {
            List<EcsService> batch = services.subList(i, Math.min(i + BATCH, services.size()));
            readBatch(env, cluster, batch, result);
          }
        });
    return result;
  }

  private void readBatch(
      Environment env,
      String cluster,
      List<EcsService> batch,
      Map<ResourceId, Observed<EcsServiceObservation>> result) {
    DescribeServicesResponse response;
    try {
      List<String> names = batch.stream().map(EcsService::service).distinct().toList();
      response =
          calls.call(
              () -> clients.ecs(env).describeServices(r -> r.cluster(cluster).services(names)));
    } catch (SdkException e) {
      batch.forEach(
          d ->
              result.put(
                  d.id(), Observed.failed("DescribeServices failed: " + AwsFailure.describe(e))));
      return;
    }
    Map<String, Service> live = new HashMap<>();
    response.services().stream()
        .filter(s -> "ACTIVE".equals(s.status()))
        .forEach(s -> live.put(s.serviceName(), s));
    for (EcsService d : batch) {
      Service s = live.get(d.service());
      if (s == null) {
        result.put(
            d.id(),
            Observed.failed(
                "service "
                    + d.service()
                    + " does not exist (or is not ACTIVE) in cluster "
                    + cluster
                    + "; Pointsman moves services between revisions, it does not create them"));
        continue;
      }
      try {
        TaskDefinition td = taskDefinitions.describe(env, s.taskDefinition());
        result.put(
            d.id(),
            Observed.ok(
                new EcsServiceObservation(
                    Optional.of(
                        new EcsServiceObservation.Live(
                            s.serviceArn(),
                            td.taskDefinitionArn(),
                            s.desiredCount(),
                            TaskDefinitions.containers(td))))));
      } catch (SdkException e) {
        result.put(
            d.id(), Observed.failed("DescribeTaskDefinition failed: " + AwsFailure.describe(e)));
      }
    }
  }
}
