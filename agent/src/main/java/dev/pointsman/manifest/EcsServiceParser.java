package dev.pointsman.manifest;

import dev.pointsman.model.ConfigRef;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code spec} of kind {@code EcsService}. */
public final class EcsServiceParser implements KindParser {
  private static final Set<String> FIELDS =
      Set.of("cluster", "service", "containers", "desiredCount");
  private static final Set<String> CONTAINER_FIELDS =
      Set.of("name", "image", "environment", "secrets");

  @Override
  public String kind() {
    return EcsService.KIND;
  }

  @Override
  public Optional<DesiredResource> parse(
      Environment env, String metadataName, Fields spec, Source source) {
    int before = spec.errors().size();
    spec.rejectUnknown(FIELDS);
    Optional<String> cluster =
        spec.string("cluster", true, Patterns.CLUSTER, "an ECS cluster name or ARN");
    Optional<String> service =
        spec.string("service", true, Patterns.ECS_NAME, "an ECS service name");
    Optional<Integer> desiredCount = spec.integer("desiredCount", 0, 10_000);
    List<ConfigRef> refs = new ArrayList<>();
    List<EcsService.Container> containers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Fields> items =
        spec.objects(
            "containers", true, "a list of containers {name, image, environment, secrets}");
    if (items.isEmpty() && spec.has("containers"))
      spec.failField("containers", "expected at least one container");
    for (Fields c : items) {
      container(c, env, source, refs)
          .ifPresent(
              k -> {
                if (!names.add(k.name()))
                  c.failField("name", "container " + k.name() + " is declared twice");
                containers.add(k);
              });
    }
    if (spec.errors().size() > before) return Optional.empty();
    String clusterName = cluster.get().substring(cluster.get().lastIndexOf('/') + 1);
    return Optional.of(
        new EcsService(
            env.name(),
            metadataName,
            clusterName,
            service.get(),
            containers,
            desiredCount,
            refs,
            source));
  }

  private static Optional<EcsService.Container> container(
      Fields c, Environment env, Source source, List<ConfigRef> refs) {
    int before = c.errors().size();
    c.rejectUnknown(CONTAINER_FIELDS);
    Optional<String> name = c.string("name", true, Patterns.ECS_NAME, "a container name");
    Optional<String> image = c.string("image", true, Patterns.IMAGE, "a container image reference");
    if (env.isProtected()
        && image.isPresent()
        && !Patterns.DIGEST_PINNED.matcher(image.get()).matches()) {
      c.failField(
          "image",
          "protected environment "
              + env.name()
              + " requires an image pinned by digest (<repo>@sha256:<64 hex>), found "
              + Fields.quote(image.get()));
    }
    Optional<Map<String, String>> environment =
        c.stringMap(
            "environment",
            Patterns.ENV_NAME,
            "letters, digits and _",
            Patterns.ANY_VALUE,
            "a string");
    Optional<Map<String, String>> references =
        c.stringMap(
            "secrets",
            Patterns.ENV_NAME,
            "letters, digits and _",
            Patterns.ANY_VALUE,
            ConfigRefs.EXPECTED);
    Map<String, String> secrets = new LinkedHashMap<>();
    references.ifPresent(
        s ->
            s.forEach(
                (k, v) ->
                    ConfigRefs.parse(v, env, c, source, "secrets", k)
                        .ifPresent(
                            ref -> {
                              refs.add(ref);
                              secrets.put(k, ConfigRefs.ecsValueFrom(v, env));
                            })));
    environment.ifPresent(
        e ->
            e.keySet().stream()
                .filter(secrets::containsKey)
                .forEach(
                    k -> c.failPath(k + " is set in both environment and secrets", "secrets", k)));
    if (c.errors().size() > before) return Optional.empty();
    return Optional.of(
        new EcsService.Container(
            name.get(), image.get(), environment, references.map(r -> secrets)));
  }
}
