package dev.pointsman.adopt;

import dev.pointsman.aws.ecs.TaskDefinitions;
import dev.pointsman.model.EcsService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * ECS services: every service of the named clusters (or the named ones), ten per {@code
 * DescribeServices}, and the task definition each runs. One file per service with the fields
 * Pointsman owns: images, environment, secret references (never values) and desired count. In a
 * protected environment an image referenced by tag is written as the digest the service's running
 * tasks report.
 */
final class EcsImport {
  private final ImportScope scope;
  private final TaskDefinitions definitions;

  EcsImport(ImportScope scope) {
    this.scope = scope;
    this.definitions = new TaskDefinitions(scope.clients(), scope.calls());
  }

  KindImport run() {
    if (!scope.filters().ecs()) return KindImport.empty();
    EcsClient ecs = scope.clients().ecs(scope.env());
    List<String> clusters = new ArrayList<>(scope.filters().clusters());
    if (clusters.isEmpty()) {
      clusters =
          scope
              .calls()
              .call(
                  () ->
                      ecs.listClustersPaginator(r -> r.maxResults(100)).clusterArns().stream()
                          .toList())
              .stream()
              .map(EcsImport::lastPart)
              .sorted()
              .toList();
    }
    List<KindImport> parts = new ArrayList<>();
    for (String cluster : clusters) parts.add(cluster(ecs, cluster));
    return KindImport.merge(parts);
  }

  private KindImport cluster(EcsClient ecs, String cluster) {
    List<String> names =
        scope
            .calls()
            .call(
                () ->
                    ecs
                        .listServicesPaginator(r -> r.cluster(cluster).maxResults(100))
                        .serviceArns()
                        .stream()
                        .toList())
            .stream()
            .map(EcsImport::lastPart)
            .filter(
                n -> scope.filters().services().isEmpty() || scope.filters().services().contains(n))
            .sorted()
            .toList();
    List<Finding> findings = new ArrayList<>();
    for (String wanted : scope.filters().services()) {
      if (!names.contains(wanted) && scope.filters().clusters().contains(cluster))
        findings.add(Finding.skipped("ECS service " + cluster + "/" + wanted, "no such service"));
    }
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < names.size(); i += 10)
      batches.add(names.subList(i, Math.min(i + 10, names.size())));
    List<Service> services =
        scope
            .each(
                "ECS services of " + cluster + " (batches of 10)",
                batches,
                b ->
                    scope
                        .calls()
                        .call(
                            () ->
                                ecs.describeServices(
                                    r -> r.cluster(cluster).services(b).include(ServiceField.TAGS)))
                        .services())
            .stream()
            .flatMap(List::stream)
            .sorted(Comparator.comparing(Service::serviceName))
            .toList();
    List<KindImport> parts = new ArrayList<>();
    parts.add(new KindImport(List.of(), findings));
    for (Service s : services) parts.add(service(ecs, cluster, s));
    return KindImport.merge(parts);
  }

  private KindImport service(EcsClient ecs, String cluster, Service s) {
    String label = "ECS service " + cluster + "/" + s.serviceName();
    Map<String, String> tags =
        s.hasTags()
            ? s.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a))
            : Map.of();
    List<Finding> findings = new ArrayList<>();
    Optional<String> manager = Ownership.managedBy(tags);
    if (manager.isPresent()) {
      if (!scope.filters().includeManaged())
        return new KindImport(List.of(), List.of(Finding.managed(label, manager.get())));
      findings.add(Finding.warning(label, "managed by " + manager.get() + ", imported anyway"));
    }
    TaskDefinition td = definitions.describe(scope.env(), s.taskDefinition());
    Map<String, EcsService.Container> containers = TaskDefinitions.containers(td);
    Map<String, String> digests = Map.of();
    boolean tagged = containers.values().stream().anyMatch(c -> !c.image().contains("@sha256:"));
    if (scope.env().isProtected() && tagged) digests = runningDigests(ecs, cluster, s);
    String identity = cluster + "/" + s.serviceName();
    String name = scope.files().name(EcsService.KIND, identity, s.serviceName());
    YamlText doc = new YamlText().header(EcsService.KIND, name);
    doc.field(1, "cluster", YamlText.scalar(cluster));
    doc.field(1, "service", YamlText.scalar(s.serviceName()));
    doc.field(1, "desiredCount", Integer.toString(s.desiredCount()));
    doc.open(1, "containers");
    for (EcsService.Container c : containers.values()) {
      String image = c.image();
      if (scope.env().isProtected() && !image.contains("@sha256:")) {
        String digest = digests.get(c.name());
        if (digest == null) {
          return new KindImport(
              List.of(),
              List.of(
                  Finding.skipped(
                      label,
                      "container "
                          + c.name()
                          + " runs image "
                          + image
                          + " by tag, which a protected environment does not allow, and no running"
                          + " task reports its digest; pin it by digest and import again")));
        }
        image = repository(image) + "@" + digest;
        findings.add(
            Finding.warning(
                label,
                "container "
                    + c.name()
                    + " runs "
                    + c.image()
                    + " by tag; written as the digest its tasks run ("
                    + digest
                    + "): the plan registers a revision pinned to it"));
      }
      doc.item(2, "name", YamlText.scalar(c.name()));
      doc.field(3, "image", YamlText.scalar(image));
      Map<String, String> env = c.environment().orElse(Map.of());
      if (!env.isEmpty()) doc.map(3, "environment", new TreeMap<>(env));
      Map<String, String> secrets = new TreeMap<>();
      c.secrets().orElse(Map.of()).forEach((k, v) -> secrets.put(k, reference(v, label, findings)));
      if (!secrets.isEmpty()) doc.map(3, "secrets", secrets);
    }
    String file =
        scope.files().name(FileNames.FILES, "EcsService/" + identity, cluster, s.serviceName())
            + ".yaml";
    return new KindImport(
        List.of(
            new ImportedFile(
                file,
                scope.origin("ECS service " + s.serviceName() + " of cluster " + cluster),
                List.of(doc.toString()))),
        findings);
  }

  /** The digest each container of the service's current tasks runs, by container name. */
  private Map<String, String> runningDigests(EcsClient ecs, String cluster, Service s) {
    List<String> arns =
        scope
            .calls()
            .call(
                () ->
                    ecs.listTasks(
                        r -> r.cluster(cluster).serviceName(s.serviceName()).maxResults(10)))
            .taskArns();
    if (arns.isEmpty()) return Map.of();
    Map<String, String> digests = new TreeMap<>();
    for (Task t :
        scope.calls().call(() -> ecs.describeTasks(r -> r.cluster(cluster).tasks(arns))).tasks()) {
      if (!s.taskDefinition().equals(t.taskDefinitionArn())) continue;
      for (Container c : t.containers()) {
        if (c.imageDigest() != null && c.imageDigest().startsWith("sha256:"))
          digests.putIfAbsent(c.name(), c.imageDigest());
      }
    }
    return digests;
  }

  /**
   * A secret's {@code valueFrom} as a manifest reference: an SSM parameter of this account and
   * Region as {@code ssm:/path}, an ARN as it is.
   */
  private String reference(String valueFrom, String label, List<Finding> findings) {
    String prefix =
        "arn:aws:ssm:" + scope.env().region() + ":" + scope.env().accountId() + ":parameter";
    if (valueFrom.startsWith(prefix + "/")) return "ssm:" + valueFrom.substring(prefix.length());
    if (valueFrom.startsWith("arn:")) return valueFrom;
    findings.add(
        Finding.warning(
            label,
            "a secret names SSM parameter "
                + valueFrom
                + " without its ARN; written as ssm:"
                + (valueFrom.startsWith("/") ? "" : "/")
                + "..., which the plan rewrites to the ARN"));
    return "ssm:" + (valueFrom.startsWith("/") ? valueFrom : "/" + valueFrom);
  }

  /** {@code host:5000/shop/orders:1.2} → {@code host:5000/shop/orders}. */
  static String repository(String image) {
    String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = noDigest.lastIndexOf('/');
    int colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.substring(0, colon) : noDigest;
  }

  private static String lastPart(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }
}
