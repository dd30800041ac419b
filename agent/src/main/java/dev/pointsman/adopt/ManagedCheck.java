package dev.pointsman.adopt;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Warns when a declared resource is also managed by CloudFormation, SAM or CDK (see {@link
 * Ownership}): {@code plan} prints these, since two controllers moving one pointer is drift
 * forever. One {@code GetFunction} per declared function, one {@code GetRestApis} per environment
 * and one {@code DescribeServices} per ten services; a read that fails is skipped silently (the
 * plan reports read failures itself).
 */
public final class ManagedCheck {
  private final AwsClients clients;
  private final AwsCalls calls;

  public ManagedCheck(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  public List<String> warnings(DesiredState state, Set<String> environments) {
    List<String> warnings = new ArrayList<>();
    for (EnvironmentManifests em : state.environments()) {
      if (!environments.isEmpty() && !environments.contains(em.environment().name())) continue;
      try {
        warnings.addAll(environment(em));
      } catch (SdkException e) {
        // The plan itself reports what AWS refused; this check only adds warnings.
      }
    }
    return warnings;
  }

  private List<String> environment(EnvironmentManifests em) {
    List<String> warnings = new ArrayList<>();
    Set<String> functions = new TreeSet<>();
    Map<String, List<String>> services = new LinkedHashMap<>();
    boolean apis = false;
    for (DesiredResource r : em.resources()) {
      if (r instanceof LambdaAlias a) functions.add(a.functionName());
      else if (r instanceof LambdaFunction f) functions.add(f.functionName());
      else if (r instanceof EcsService s)
        services.computeIfAbsent(s.cluster(), c -> new ArrayList<>()).add(s.service());
      else if (r instanceof ApiStage) apis = true;
    }
    String env = em.environment().name();
    for (String fn : functions) {
      Map<String, String> tags =
          calls
              .call(() -> clients.lambda(em.environment()).getFunction(r -> r.functionName(fn)))
              .tags();
      Ownership.managedBy(tags)
          .ifPresent(m -> warnings.add(warning(env, "Lambda function " + fn, m)));
    }
    if (apis) {
      List<RestApi> all =
          calls.call(
              () ->
                  clients
                      .apiGateway(em.environment())
                      .getRestApisPaginator(r -> r.limit(500))
                      .items()
                      .stream()
                      .toList());
      for (DesiredResource r : em.resources()) {
        if (!(r instanceof ApiStage s)) continue;
        all.stream()
            .filter(
                a ->
                    s.api()
                        .id()
                        .map(a.id()::equals)
                        .orElse(s.api().name().map(a.name()::equals).orElse(false)))
            .findFirst()
            .flatMap(a -> Ownership.managedBy(a.tags()))
            .ifPresent(m -> warnings.add(warning(env, "REST API " + s.api(), m)));
      }
    }
    services.forEach(
        (cluster, names) -> {
          for (int i = 0; i < names.size(); i += 10) {
            List<String> batch = names.subList(i, Math.min(i + 10, names.size()));
            calls
                .call(
                    () ->
                        clients
                            .ecs(em.environment())
                            .describeServices(
                                r -> r.cluster(cluster).services(batch).include(ServiceField.TAGS)))
                .services()
                .forEach(
                    s -> {
                      Map<String, String> tags =
                          s.tags().stream()
                              .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
                      Optional<String> m = Ownership.managedBy(tags);
                      m.ifPresent(
                          x ->
                              warnings.add(
                                  warning(
                                      env, "ECS service " + cluster + "/" + s.serviceName(), x)));
                    });
          }
        });
    return warnings;
  }

  private static String warning(String env, String what, String manager) {
    return env
        + ": "
        + what
        + " is also managed by "
        + manager
        + "; two controllers moving one pointer is drift forever";
  }
}
