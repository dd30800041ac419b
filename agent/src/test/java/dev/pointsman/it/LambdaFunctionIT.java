package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.outcome.PassResult;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Lambda versions published from an S3 object version with their configuration: content-addressed,
 * one publish per new content, none on a revert, none twice after a crash.
 */
class LambdaFunctionIT {
  private static final Pattern PUBLISH =
      Pattern.compile("POST /2015-03-31/functions/[^/]+/versions");
  private static final Pattern UPDATE_CODE =
      Pattern.compile("PUT /2015-03-31/functions/[^/]+/code");

  @TempDir Path tmp;
  private final LambdaFixture lambda = new LambdaFixture();
  private final SsmClient ssm = Emulator.client(SsmClient.builder());
  private PackageBucket bucket;
  private GitFixture repo;
  private String fn;
  private String param;
  private PackageBucket.Package buildA;

  @BeforeEach
  void setUp() throws Exception {
    fn = LambdaFixture.uniqueName("process-order");
    param = "/" + fn + "/orders-config";
    ssm.putParameter(r -> r.name(param).value("{}").type("String"));
    lambda.createFunction(fn, 0);
    bucket = new PackageBucket(LambdaFixture.uniqueName("artifacts"));
    buildA = bucket.upload("process-order/build-1.zip", 1);
    repo = new GitFixture(tmp.resolve("repo"));
    repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true));
  }

  @AfterEach
  void tearDown() {
    repo.close();
    bucket.close();
    ssm.close();
    lambda.close();
  }

  private String function(PackageBucket.Package p, String stage, String configRef) {
    return """
        apiVersion: pointsman.dev/v1
        kind: LambdaFunction
        metadata:
          name: process-order
        spec:
          functionName: %s
          code:
            s3Bucket: %s
            s3Key: %s
            s3ObjectVersion: "%s"
            sha256: "%s"
          environment:
            STAGE: %s
            CONFIG_PARAM: "%s"
        ---
        apiVersion: pointsman.dev/v1
        kind: LambdaAlias
        metadata:
          name: process-order-live
        spec:
          functionName: %s
          alias: live
          version: {publishedFrom: process-order}
        """
        .formatted(fn, bucket.bucket, p.key(), p.objectVersion(), p.sha256(), stage, configRef, fn);
  }

  private List<FunctionConfiguration> published() {
    return lambda.client().listVersionsByFunction(r -> r.functionName(fn)).versions().stream()
        .filter(v -> !"$LATEST".equals(v.version()))
        .toList();
  }

  @Test
  void aConfigChangePublishesOneVersionAndMovesTheAliasARevertPublishesNothing() throws Exception {
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      repo.write("prod/process-order.yaml", function(buildA, "prod", "ssm:" + param))
          .commit("Manage ProcessOrder from build 1");
      PassResult first = agent.apply();
      assertThat(first.status()).as(first.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(published()).hasSize(1);
      String v1 = published().get(0).version();
      assertThat(published().get(0).codeSha256()).isEqualTo(buildA.sha256());
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo(v1);

      repo.write("prod/process-order.yaml", function(buildA, "prod-blue", "ssm:" + param))
          .commit("STAGE=prod-blue");
      agent.recorder.reset();
      PassResult changed = agent.apply();
      assertThat(changed.status()).as(changed.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(agent.recorder.count(PUBLISH)).isEqualTo(1);
      assertThat(agent.recorder.count(UPDATE_CODE)).as("same code: no code update").isZero();
      assertThat(published()).hasSize(2);
      String v2 = lambda.alias(fn, "live").functionVersion();
      assertThat(v2).isNotEqualTo(v1);
      assertThat(
              lambda
                  .client()
                  .getFunctionConfiguration(r -> r.functionName(fn).qualifier(v2))
                  .environment()
                  .variables())
          .containsEntry("STAGE", "prod-blue")
          .containsEntry("CONFIG_PARAM", "ssm:" + param);

      repo.write("prod/process-order.yaml", function(buildA, "prod", "ssm:" + param))
          .commit("Revert \"STAGE=prod-blue\"");
      agent.recorder.reset();
      PassResult reverted = agent.apply();
      assertThat(reverted.status()).as(reverted.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(agent.recorder.count(PUBLISH)).as("the old version is found again").isZero();
      assertThat(published()).hasSize(2);
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo(v1);
    }
  }

  @Test
  void newCodeIsFetchedFromTheObjectVersionAndCheckedBeforePublishing() throws Exception {
    PackageBucket.Package buildB = bucket.upload("process-order/build-2.zip", 2);
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      repo.write("prod/process-order.yaml", function(buildA, "prod", "ssm:" + param)).commit("A");
      agent.apply();
      repo.write("prod/process-order.yaml", function(buildB, "prod", "ssm:" + param)).commit("B");
      agent.recorder.reset();
      PassResult b = agent.apply();
      assertThat(b.status()).as(b.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(agent.recorder.count(UPDATE_CODE)).isEqualTo(1);
      String live = lambda.alias(fn, "live").functionVersion();
      assertThat(
              lambda
                  .client()
                  .getFunctionConfiguration(r -> r.functionName(fn).qualifier(live))
                  .codeSha256())
          .isEqualTo(buildB.sha256());
    }
  }

  @Test
  void anAgentKilledBetweenTheUpdateAndThePublishPublishesOnceAfterRestart() throws Exception {
    repo.write("prod/process-order.yaml", function(buildA, "prod", "ssm:" + param))
        .commit("Manage ProcessOrder from build 1");
    // What a killed agent leaves behind: $LATEST updated to the spec, nothing published yet.
    lambda
        .client()
        .updateFunctionCode(
            r ->
                r.functionName(fn)
                    .s3Bucket(bucket.bucket)
                    .s3Key(buildA.key())
                    .s3ObjectVersion(buildA.objectVersion()));
    lambda.client().waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(fn));
    lambda
        .client()
        .updateFunctionConfiguration(
            r ->
                r.functionName(fn)
                    .environment(
                        e ->
                            e.variables(
                                java.util.Map.of(
                                    "STAGE", "prod", "CONFIG_PARAM", "ssm:" + param))));
    lambda.client().waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(fn));

    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      PassResult r = agent.apply();
      assertThat(r.status()).as(r.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(agent.recorder.count(UPDATE_CODE)).isZero();
      assertThat(agent.recorder.count(PUBLISH)).isEqualTo(1);
      agent.recorder.reset();
      assertThat(agent.apply().status()).isEqualTo(PassResult.Status.CONVERGED);
      assertThat(agent.recorder.count(PUBLISH)).isZero();
    }
    assertThat(published()).hasSize(1);
    assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo(published().get(0).version());
  }

  @Test
  void aMissingParameterReferenceIsAPlanErrorAndNothingIsWritten() throws Exception {
    try (AgentHarness agent = new AgentHarness(repo.url(), tmp.resolve("work"))) {
      repo.write(
              "prod/process-order.yaml", function(buildA, "prod", "ssm:/" + fn + "/does-not-exist"))
          .commit("A reference to nothing");
      PassResult r = agent.apply();
      assertThat(r.status()).isEqualTo(PassResult.Status.PLAN_FAILED);
      assertThat(r.plan().errors().toString())
          .contains("prod/process-order.yaml:")
          .contains("does-not-exist");
      assertThat(agent.recorder.count(UPDATE_CODE)).isZero();
      assertThat(agent.recorder.count(PUBLISH)).isZero();
      assertThat(published()).isEmpty();
    }
  }
}
