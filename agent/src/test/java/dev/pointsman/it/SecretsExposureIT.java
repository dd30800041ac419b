package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Known secret strings planted in every input — Git token, credentials in a repository URL, chat
 * webhook URL, GitHub webhook secret, an SSM SecureString, a Secrets Manager value, a secret pasted
 * into a manifest, a password in a commit message — and every output scanned: logs, plan output,
 * chat messages, /api/status, /metrics and HTTP answers.
 */
class SecretsExposureIT {
  private static final List<String> SECRETS =
      List.of(
          "S3CRET-GIT-TOKEN-71",
          "S3CRET-URL-TOKEN-72",
          "S3CRET-WEBHOOK-PATH-73",
          "S3CRET-GH-HMAC-74",
          "S3CRET-SSM-VALUE-75",
          "S3CRET-SM-VALUE-76",
          "S3CRET-PASTED-77",
          "S3CRET-COMMIT-78");
  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void noPlantedSecretAppearsInAnyOutput() throws Exception {
    String cluster = LambdaFixture.uniqueName("secret");
    String param = "/" + cluster + "/db-password";
    List<String> outputs = new ArrayList<>();
    try (EcsFixture ecs = new EcsFixture();
        ChatReceiver chat = new ChatReceiver();
        GitFixture repo = new GitFixture(tmp.resolve("repo"));
        SsmClient ssm = Emulator.client(SsmClient.builder());
        SecretsManagerClient sm = Emulator.client(SecretsManagerClient.builder())) {
      ecs.createService(cluster, "orders", cluster + "-orders");
      ssm.putParameter(
          r -> r.name(param).type("SecureString").value("S3CRET-SSM-VALUE-75").overwrite(true));
      String secretArn =
          sm.createSecret(r -> r.name(cluster + "/api-key").secretString("S3CRET-SM-VALUE-76"))
              .arn();
      String service =
          """
          apiVersion: pointsman.dev/v1
          kind: EcsService
          metadata: {name: orders}
          spec:
            cluster: %s
            service: orders
            containers:
              - name: app
                image: "%s"
                secrets: {DB_PASSWORD: "ssm:%s", API_KEY: "%s"}
          """
              .formatted(cluster, EcsFixture.DIGEST_B, param, secretArn);
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
          .write("prod/orders.yaml", service)
          .commit("Release orders password=S3CRET-COMMIT-78");

      Map<String, String> env = new HashMap<>(AgentProcess.awsEnv(Emulator.endpoint()));
      env.put("POINTSMAN_GIT_TOKEN", "S3CRET-GIT-TOKEN-71");
      env.put("POINTSMAN_WEBHOOK_URL", chat.url() + "/S3CRET-WEBHOOK-PATH-73");
      env.put("POINTSMAN_GITHUB_WEBHOOK_SECRET", "S3CRET-GH-HMAC-74");
      int port = freePort();
      try (AgentProcess agent =
          AgentProcess.run(
              tmp.resolve("run.log"),
              env,
              repo.dir(),
              tmp.resolve("work"),
              "--drift-interval",
              "1s",
              "--http-port",
              String.valueOf(port))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> get(port, "/api/status").contains("lastAppliedCommit"));
        // A secret pasted where a reference belongs: rejected, and never echoed.
        repo.write(
                "prod/orders.yaml",
                service.replace("API_KEY: \"" + secretArn + "\"", "API_KEY: S3CRET-PASTED-77"))
            .commit("Oops");
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.output().contains("rejected"));
        // Webhook traffic with a wrong signature, and a ping signed with the right secret.
        outputs.add(
            post(
                port,
                "/hooks/github",
                "{}",
                "X-GitHub-Event",
                "push",
                "X-Hub-Signature-256",
                "sha256=00"));
        Thread.sleep(2500); // a few drift sweeps
        outputs.add(get(port, "/api/status"));
        outputs.add(get(port, "/metrics"));
        outputs.add(get(port, "/readyz"));
        outputs.add(agent.output());
      }
      chat.received().forEach(j -> outputs.add(j.toString()));
      assertThat(chat.received()).isNotEmpty();

      Map<String, String> planEnv = new HashMap<>(AgentProcess.awsEnv(Emulator.endpoint()));
      planEnv.put("POINTSMAN_GIT_TOKEN", "S3CRET-GIT-TOKEN-71");
      AgentProcess.runToEnd(
          tmp.resolve("plan.log"),
          planEnv,
          "plan",
          "--repo",
          repo.dir().toString(),
          "--workdir",
          tmp.resolve("w2").toString());
      outputs.add(Files.readString(tmp.resolve("plan.log")));
      AgentProcess.runToEnd(
          tmp.resolve("url.log"),
          planEnv,
          "plan",
          "--repo",
          "https://deploy:S3CRET-URL-TOKEN-72@127.0.0.1:9/shop.git",
          "--workdir",
          tmp.resolve("w3").toString());
      outputs.add(Files.readString(tmp.resolve("url.log")));
    }
    String everything = String.join("\n", outputs);
    assertThat(everything)
        .contains("Release orders password=****", "https://****@127.0.0.1:9/shop.git");
    for (String secret : SECRETS)
      assertThat(everything).as("leaked %s", secret).doesNotContain(secret);
  }

  private String get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String post(int port, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
