package dev.pointsman.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.kinds.KindDescriptor;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.ApiStageObservation;
import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.AppConfigObservation;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.EcsServiceObservation;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.LambdaFunctionObservation;
import dev.pointsman.model.LiveApiStage;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.model.Observed;
import dev.pointsman.model.Percent;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Routing;
import dev.pointsman.plan.apigateway.ApiStageDiffer;
import dev.pointsman.plan.appconfig.AppConfigDiffer;
import dev.pointsman.plan.ecs.EcsServiceDiffer;
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import dev.pointsman.plan.lambda.LambdaFunctionDiffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden plan fixtures for every kind: {@code src/test/resources/plan/<Kind>/<case>/desired.yaml}
 * (documents of a protected prod environment) + {@code live.json} (what AWS reported, in the shape
 * of the kind's observation) → {@code expected.txt} (the plan's lines). Run with {@code
 * -Dgolden.write=true} to write a missing expected.txt for review; without it a missing file fails.
 */
class GoldenPlanFixturesTest {
  static final Path ROOT = Path.of("src/test/resources/plan");
  private static final String ENV =
      "apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata: {name: prod}\n"
          + "spec: {region: eu-west-1, accountId: \"123456789012\", protected: true}\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How each kind's live.json becomes its observations, and which differ plans it. */
  static final Map<String, Golden<?, ?>> KINDS =
      Map.of(
          AppConfigDeployment.KIND,
          new Golden<>(
              AppConfigDeployment.class, new AppConfigDiffer(), GoldenPlanFixturesTest::appConfig),
          LambdaFunction.KIND,
          new Golden<>(
              LambdaFunction.class, new LambdaFunctionDiffer(), GoldenPlanFixturesTest::function),
          LambdaAlias.KIND,
          new Golden<>(LambdaAlias.class, new LambdaAliasDiffer(), GoldenPlanFixturesTest::alias),
          ApiStage.KIND,
          new Golden<>(ApiStage.class, new ApiStageDiffer(), GoldenPlanFixturesTest::stage),
          EcsService.KIND,
          new Golden<>(EcsService.class, new EcsServiceDiffer(), GoldenPlanFixturesTest::service));

  record Golden<D extends DesiredResource, O>(
      Class<D> type, Differ<D, O> differ, Function<Pair<D>, O> live) {
    Plan plan(List<DesiredResource> resources, JsonNode json) {
      List<D> desired = resources.stream().map(type::cast).toList();
      Map<ResourceId, Observed<O>> observed = new HashMap<>();
      for (D d : desired) observed.put(d.id(), Observed.ok(live.apply(new Pair<>(d, json))));
      return Planner.plan(desired, observed, differ);
    }
  }

  record Pair<D>(D desired, JsonNode json) {}

  static Stream<String> cases() throws IOException {
    List<String> all = new ArrayList<>();
    for (KindDescriptor<?, ?> kind : Kinds.all()) {
      Path dir = ROOT.resolve(kind.kind());
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> dirs = Files.list(dir)) {
        dirs.map(d -> kind.kind() + "/" + d.getFileName()).sorted().forEach(all::add);
      }
    }
    return all.stream();
  }

  @Test
  void everyKindHasADecoderHere() {
    Set<String> kinds = new HashSet<>();
    Kinds.all().forEach(k -> kinds.add(k.kind()));
    assertThat(KINDS.keySet()).containsExactlyInAnyOrderElementsOf(kinds);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMatchesTheGoldenFile(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    LoadResult load =
        Kinds.manifestLoader()
            .load(
                List.of(
                    new ManifestFile("prod/environment.yaml", ENV.getBytes(StandardCharsets.UTF_8)),
                    new ManifestFile(
                        "prod/desired.yaml", Files.readAllBytes(dir.resolve("desired.yaml")))));
    assertThat(load.errors()).isEmpty();
    Golden<?, ?> golden = KINDS.get(name.substring(0, name.indexOf('/')));
    Plan plan =
        golden.plan(
            load.state().environments().get(0).resources(),
            JSON.readTree(dir.resolve("live.json").toFile()));

    List<String> lines = new ArrayList<>();
    plan.changes().forEach(c -> lines.add(c.describe()));
    plan.errors().forEach(e -> lines.add("! " + e));
    Path expected = dir.resolve("expected.txt");
    if (!Files.exists(expected) && Boolean.getBoolean("golden.write")) {
      Files.write(expected, lines);
    }
    assertThat(lines).containsExactlyElementsOf(Files.readAllLines(expected));
  }

  private static LambdaAliasObservation alias(Pair<LambdaAlias> p) {
    LambdaAlias d = p.desired();
    JsonNode json = p.json();
    Map<String, Optional<String>> versions = new HashMap<>();
    json.get("versions")
        .fields()
        .forEachRemaining(e -> versions.put(e.getKey(), Optional.of(e.getValue().asText())));
    JsonNode a = json.has("aliases") ? json.get("aliases").get(d.alias()) : json.get("alias");
    Optional<LiveLambdaAlias> alias =
        a == null || a.isNull()
            ? Optional.empty()
            : Optional.of(
                new LiveLambdaAlias(
                    d.functionName(), d.alias(), a.get("version").asText(), routing(a), "rev-1"));
    return new LambdaAliasObservation(alias, versions);
  }

  private static Optional<Routing> routing(JsonNode alias) {
    if (!alias.has("weights")) return Optional.empty();
    var e = alias.get("weights").fields().next();
    return Optional.of(new Routing(e.getKey(), Percent.fromFraction(e.getValue().asDouble())));
  }

  private static ApiStageObservation stage(Pair<ApiStage> p) {
    JsonNode json = p.json();
    JsonNode s = json.get("stage");
    Optional<LiveApiStage> stage =
        s == null || s.isNull()
            ? Optional.empty()
            : Optional.of(
                new LiveApiStage(
                    p.desired().stage(),
                    s.get("deploymentId").asText(),
                    strings(s.get("variables")),
                    canary(s.get("canary"))));
    Set<String> missing = new HashSet<>();
    if (json.has("missingDeployments"))
      json.get("missingDeployments").forEach(n -> missing.add(n.asText()));
    Map<String, Boolean> permissions = new HashMap<>();
    if (json.has("permissions"))
      json.get("permissions")
          .fields()
          .forEachRemaining(e -> permissions.put(e.getKey(), e.getValue().asBoolean()));
    return new ApiStageObservation(json.get("restApiId").asText(), stage, missing, permissions);
  }

  private static Optional<ApiStage.StageCanary> canary(JsonNode c) {
    if (c == null || c.isNull()) return Optional.empty();
    return Optional.of(
        new ApiStage.StageCanary(
            c.get("deploymentId").asText(),
            Percent.of(c.get("percentTraffic").asText()),
            strings(c.get("variables"))));
  }

  private static EcsServiceObservation service(Pair<EcsService> p) {
    JsonNode s = p.json().get("service");
    if (s == null || s.isNull()) return new EcsServiceObservation(Optional.empty());
    Map<String, EcsService.Container> containers = new HashMap<>();
    s.get("containers")
        .fields()
        .forEachRemaining(
            e ->
                containers.put(
                    e.getKey(),
                    new EcsService.Container(
                        e.getKey(),
                        e.getValue().get("image").asText(),
                        Optional.of(strings(e.getValue().get("environment"))),
                        Optional.of(strings(e.getValue().get("secrets"))))));
    return new EcsServiceObservation(
        Optional.of(
            new EcsServiceObservation.Live(
                s.get("serviceArn").asText(),
                s.get("taskDefinitionArn").asText(),
                s.get("desiredCount").asInt(),
                containers)));
  }

  private static AppConfigObservation appConfig(Pair<AppConfigDeployment> p) {
    JsonNode j = p.json();
    JsonNode strategy = j.get("strategy");
    return new AppConfigObservation(
        new AppConfigObservation.Ids(
            "app1",
            "env1",
            "prof1",
            strategy == null || strategy.isNull()
                ? Optional.empty()
                : Optional.of(strategy.asText())),
        j.get("hosted").asBoolean(),
        j.get("versionExists").asBoolean(),
        deployment(j.get("latest")),
        deployment(j.get("otherInProgress")));
  }

  private static Optional<AppConfigObservation.Deployment> deployment(JsonNode d) {
    if (d == null || d.isNull()) return Optional.empty();
    return Optional.of(
        new AppConfigObservation.Deployment(
            d.get("number").asInt(),
            d.get("profile").asText(),
            d.get("version").asInt(),
            AppConfigObservation.State.valueOf(d.get("state").asText())));
  }

  private static LambdaFunctionObservation function(Pair<LambdaFunction> p) {
    JsonNode j = p.json();
    List<LambdaFunctionObservation.Published> versions = new ArrayList<>();
    j.get("versions")
        .forEach(
            v ->
                versions.add(
                    new LambdaFunctionObservation.Published(
                        v.get("version").asText(), content(v))));
    return new LambdaFunctionObservation(content(j.get("latest")), "Successful", versions);
  }

  private static LambdaFunctionObservation.Content content(JsonNode c) {
    return new LambdaFunctionObservation.Content(
        c.get("codeSha256").asText(),
        strings(c.get("variables")),
        Optional.ofNullable(c.get("kmsKeyArn")).map(JsonNode::asText));
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new HashMap<>();
    if (node != null)
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
