package dev.pointsman.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.model.Observed;
import dev.pointsman.model.Percent;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Routing;
import dev.pointsman.plan.lambda.LambdaAliasDiffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden plan fixtures: {@code src/test/resources/plan/<case>/desired.yaml} (LambdaAlias documents
 * of a prod environment) + {@code live.json} (what AWS reported) → {@code expected.txt} (the plan
 * lines).
 */
class LambdaAliasPlanFixturesTest {
  private static final Path ROOT = Path.of("src/test/resources/plan");
  private static final String ENV =
      "apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata: {name: prod}\n"
          + "spec: {region: eu-west-1, accountId: \"123456789012\", protected: true}\n";

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMatchesTheGoldenFile(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    LoadResult load =
        ManifestLoader.standard()
            .load(
                List.of(
                    new ManifestFile("prod/environment.yaml", ENV.getBytes(StandardCharsets.UTF_8)),
                    new ManifestFile(
                        "prod/desired.yaml", Files.readAllBytes(dir.resolve("desired.yaml")))));
    assertThat(load.errors()).isEmpty();
    List<LambdaAlias> desired =
        load.state().environments().get(0).resources().stream()
            .map(LambdaAlias.class::cast)
            .toList();

    Plan plan =
        Planner.plan(
            desired,
            live(desired, new ObjectMapper().readTree(dir.resolve("live.json").toFile())),
            new LambdaAliasDiffer());

    List<String> lines = new ArrayList<>();
    plan.changes().forEach(c -> lines.add(c.describe()));
    plan.errors().forEach(e -> lines.add("! " + e));
    assertThat(lines).containsExactlyElementsOf(Files.readAllLines(dir.resolve("expected.txt")));
  }

  private static Map<ResourceId, Observed<LambdaAliasObservation>> live(
      List<LambdaAlias> desired, JsonNode json) {
    Map<String, Optional<String>> versions = new HashMap<>();
    json.get("versions")
        .fields()
        .forEachRemaining(e -> versions.put(e.getKey(), Optional.of(e.getValue().asText())));
    Map<ResourceId, Observed<LambdaAliasObservation>> live = new HashMap<>();
    for (LambdaAlias d : desired) {
      JsonNode a = json.has("aliases") ? json.get("aliases").get(d.alias()) : json.get("alias");
      Optional<LiveLambdaAlias> alias =
          a == null || a.isNull()
              ? Optional.empty()
              : Optional.of(
                  new LiveLambdaAlias(
                      d.functionName(), d.alias(), a.get("version").asText(), routing(a), "rev-1"));
      live.put(d.id(), Observed.ok(new LambdaAliasObservation(alias, versions)));
    }
    return live;
  }

  private static Optional<Routing> routing(JsonNode alias) {
    if (!alias.has("weights")) return Optional.empty();
    var e = alias.get("weights").fields().next();
    return Optional.of(new Routing(e.getKey(), Percent.fromFraction(e.getValue().asDouble())));
  }
}
