package dev.pointsman.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Desired state of an ECS service (manifest kind {@code EcsService}): the containers' owned fields.
 */
public record EcsService(
    String environment,
    String metadataName,
    String cluster,
    String service,
    List<Container> containers,
    Optional<Integer> desiredCount,
    List<ConfigRef> references,
    Source source)
    implements DesiredResource {
  public static final String KIND = "EcsService";

  public EcsService {
    containers = List.copyOf(containers);
    references = List.copyOf(references);
  }

  @Override
  public ResourceId id() {
    return new ResourceId(environment, KIND, cluster + "/" + service);
  }

  /** A call naming this service (by name or ARN) in this cluster ({@code default} if none). */
  @Override
  public boolean concerns(ChangeEvent event) {
    return event.service().equals("ecs")
        && event.parameters().containsKey("service")
        && event.absentOrNames("service", service)
        && (event.parameters().containsKey("cluster")
            ? event.absentOrNames("cluster", cluster)
            : cluster.equals("default"));
  }

  @Override
  public String group() {
    return "service " + cluster + "/" + service;
  }

  /** Each container's image, a digest shortened to its first 12 hex characters. */
  @Override
  public String target() {
    StringBuilder s = new StringBuilder();
    for (Container c : containers) {
      if (s.length() > 0) s.append(", ");
      String image = c.image();
      int at = image.indexOf("@sha256:");
      String shortImage =
          at < 0
              ? image.substring(image.lastIndexOf('/') + 1)
              : image.substring(image.lastIndexOf('/', at) + 1, at)
                  + "@"
                  + image.substring(at + 8, Math.min(image.length(), at + 20));
      s.append(c.name()).append(": ").append(shortImage);
    }
    return s.toString();
  }

  @Override
  public List<String> artifacts() {
    return containers.stream().map(c -> c.name() + "=" + c.image()).toList();
  }

  /** DescribeServices reads up to ten services of one cluster per call. */
  @Override
  public String readGroup() {
    return cluster;
  }

  @Override
  public int readBatch() {
    return 10;
  }

  /**
   * The fields of one container definition that Pointsman owns. {@code secrets} map a variable name
   * to a reference (SSM parameter or Secrets Manager ARN), never to a value. An absent map is not
   * owned (left as it is live); a present one is the complete list.
   */
  public record Container(
      String name,
      String image,
      Optional<Map<String, String>> environment,
      Optional<Map<String, String>> secrets) {
    public Container {
      environment = environment.map(Map::copyOf);
      secrets = secrets.map(Map::copyOf);
    }
  }
}
