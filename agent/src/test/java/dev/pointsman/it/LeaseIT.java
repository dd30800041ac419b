package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Two agent processes on one repository and account with a DynamoDB lease: only the leader applies;
 * when the leader is SIGKILLed, the other takes over within the lease TTL plus a renewal period.
 */
class LeaseIT {
  private static final Duration TTL = Duration.ofSeconds(3);
  @TempDir Path tmp;

  @Test
  void onlyTheLeaderAppliesAndTheOtherTakesOverWhenItDies() throws Exception {
    String table = LambdaFixture.uniqueName("pointsman-lease");
    String fn = LambdaFixture.uniqueName("leased");
    try (DynamoDbClient dynamo = Emulator.client(DynamoDbClient.builder());
        LambdaFixture lambda = new LambdaFixture();
        GitFixture repo = new GitFixture(tmp.resolve("repo"));
        HttpRecorder viaA = new HttpRecorder(Emulator.endpoint());
        HttpRecorder viaB = new HttpRecorder(Emulator.endpoint())) {
      dynamo.createTable(
          r ->
              r.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(k -> k.attributeName("lease").keyType("HASH"))
                  .attributeDefinitions(
                      a -> a.attributeName("lease").attributeType(ScalarAttributeType.S)));
      lambda.createFunction(fn, 3);
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
          .write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "1"))
          .commit("Version 1");

      AgentProcess a = start("a", viaA, repo, table);
      await().atMost(Duration.ofSeconds(60)).until(() -> a.output().contains("acquired the lease"));
      AgentProcess b = start("b", viaB, repo, table);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> "1".equals(lambda.alias(fn, "live").functionVersion()));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> b.output().contains("another agent holds the lease"));

        repo.write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "2")).commit("Version 2");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> "2".equals(lambda.alias(fn, "live").functionVersion()));
        // The recorder journals a call after the emulator answered it: wait for it, briefly.
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(viaA.lambdaWrites()).hasSize(2));
        assertThat(viaB.lambdaWrites()).as("the follower never writes").isEmpty();

        a.process().destroyForcibly().waitFor();
        long killed = System.nanoTime();
        repo.write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "3")).commit("Version 3");
        await()
            .atMost(TTL.multipliedBy(4))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> "3".equals(lambda.alias(fn, "live").functionVersion()));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf(
            "takeover after leader SIGKILL: %d ms (lease TTL %d ms)%n",
            takeover.toMillis(), TTL.toMillis());
        assertThat(b.output()).contains("acquired the lease");
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(viaB.lambdaWrites()).hasSize(1));
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private AgentProcess start(String name, HttpRecorder recorder, GitFixture repo, String table)
      throws Exception {
    return AgentProcess.run(
        tmp.resolve(name + ".log"),
        AgentProcess.awsEnv(recorder.endpoint()),
        repo.dir(),
        tmp.resolve("work-" + name),
        "--lease-table",
        table,
        "--lease-ttl",
        TTL.toMillis() + "ms");
  }
}
