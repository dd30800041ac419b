package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pointsman.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart as rendered by {@code helm template} in scripts/test, with default values and with
 * every feature on: probes, security context, IRSA, secrets only by reference, config the agent
 * accepts.
 */
class HelmChartIT {
  @TempDir Path tmp;

  private static List<JsonNode> render(String name) throws IOException {
    String dir = System.getProperty("pointsman.test.helm", "");
    if (dir.isBlank())
      throw new IllegalStateException(
          "run ./scripts/test: it renders the chart into target/helm first");
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<JsonNode> docs = new ArrayList<>();
    try (var it =
        yaml.readerFor(JsonNode.class).readValues(Path.of(dir, name + ".yaml").toFile())) {
      while (it.hasNext()) {
        JsonNode doc = (JsonNode) it.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) docs.add(doc);
      }
    }
    return docs;
  }

  private static JsonNode kind(List<JsonNode> docs, String kind) {
    return docs.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  @Test
  void theDeploymentHasProbesAndALockedDownSecurityContext() throws IOException {
    for (String values : List.of("default", "all-features")) {
      JsonNode pod = kind(render(values), "Deployment").path("spec").path("template").path("spec");
      JsonNode c = pod.path("containers").get(0);
      assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/healthz");
      assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/readyz");
      assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(c.path("securityContext").path("capabilities").path("drop").toString())
          .isEqualTo("[\"ALL\"]");
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(c.path("args").toString()).contains("\"--http-bind\",\"0.0.0.0\"", "\"--config\"");
      assertThat(c.path("resources").path("limits").path("memory").asText()).isNotEmpty();
    }
  }

  @Test
  void theIrsaRoleIsAnnotatedOnTheServiceAccount() throws IOException {
    assertThat(
            kind(render("all-features"), "ServiceAccount")
                .path("metadata")
                .path("annotations")
                .path("eks.amazonaws.com/role-arn")
                .asText())
        .isEqualTo("arn:aws:iam::123456789012:role/pointsman-agent");
    assertThat(
            kind(render("default"), "ServiceAccount")
                .path("metadata")
                .path("annotations")
                .isMissingNode())
        .isTrue();
  }

  @Test
  void secretsAreOnlyReferencedNeverRendered() throws IOException {
    List<JsonNode> all = render("all-features");
    assertThat(all).noneMatch(d -> d.path("kind").asText().equals("Secret"));
    JsonNode env =
        kind(all, "Deployment")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0)
            .path("env");
    List<String> fromSecret = new ArrayList<>();
    env.forEach(
        e -> {
          if (e.has("valueFrom")) {
            assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("pointsman-secrets");
            assertThat(e.path("valueFrom").path("secretKeyRef").path("optional").asBoolean())
                .isTrue();
            fromSecret.add(e.path("name").asText());
          } else {
            assertThat(e.path("name").asText()).isEqualTo("AWS_REGION");
          }
        });
    assertThat(fromSecret)
        .containsExactly(
            "POINTSMAN_GIT_TOKEN",
            "POINTSMAN_SLACK_WEBHOOK_URL",
            "POINTSMAN_TEAMS_WEBHOOK_URL",
            "POINTSMAN_WEBHOOK_URL",
            "POINTSMAN_GITHUB_WEBHOOK_SECRET",
            "POINTSMAN_GITLAB_WEBHOOK_TOKEN",
            "POINTSMAN_GITHUB_TOKEN",
            "POINTSMAN_GITLAB_TOKEN");
  }

  @Test
  void optionalObjectsAppearOnlyWhenEnabled() throws IOException {
    assertThat(render("default"))
        .extracting(d -> d.path("kind").asText())
        .containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment");
    assertThat(render("all-features"))
        .extracting(d -> d.path("kind").asText())
        .contains("PodDisruptionBudget", "ServiceMonitor");
  }

  @Test
  void theRenderedConfigIsAcceptedByTheAgent() throws IOException {
    for (String values : List.of("default", "all-features")) {
      String config =
          kind(render(values), "ConfigMap").path("data").path("pointsman.yaml").asText();
      Path file = tmp.resolve(values + ".yaml");
      Files.writeString(file, config);
      assertThat(Main.execute("run", "--config", file.toString(), "--help")).as(config).isZero();
    }
  }
}
