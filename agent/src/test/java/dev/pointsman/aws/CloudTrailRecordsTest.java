package dev.pointsman.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.ChangeEvent;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.Source;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CloudTrail records as AWS writes them (real event names, identities and user agents; the emulator
 * names some of these differently) read into change events: who, from where, and which declared
 * resources they concern.
 */
class CloudTrailRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Source SRC = new Source("prod/x.yaml", 1);

  private static ChangeEvent event(String file) throws Exception {
    try (InputStream in = CloudTrailRecordsTest.class.getResourceAsStream("/cloudtrail/" + file)) {
      JsonNode record = JSON.readTree(in);
      return CloudTrailRecords.parse(record, Set.of()).orElseThrow();
    }
  }

  private static LambdaAlias alias(String function, String alias) {
    return new LambdaAlias(
        "prod",
        "a",
        function,
        alias,
        "3",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        SRC);
  }

  private static ApiStage stage(Optional<String> id, Optional<String> name, String stage) {
    return new ApiStage(
        "prod",
        "s",
        new ApiStage.ApiRef(id, name),
        stage,
        "d1",
        Map.of(),
        Optional.empty(),
        false,
        List.of(),
        List.of(),
        Optional.empty(),
        SRC);
  }

  @Test
  void anAliasMovedWithTheCliByAnAssumedRoleNamesRoleSessionAndClient() throws Exception {
    ChangeEvent e = event("update-alias-assumed-role-cli.json");

    assertThat(e.who().describe())
        .isEqualTo(
            "role ops-admin (session alice) via the AWS CLI, UpdateAlias20150331 at 2026-11-30T09:12:31Z");
    assertThat(e.writes()).isTrue();
    assertThat(e.byPointsman()).isFalse();
    assertThat(e.region()).isEqualTo("eu-west-1");
    assertThat(e.account()).isEqualTo("123456789012");
    assertThat(alias("ProcessOrder", "prod").concerns(e)).isTrue();
    assertThat(alias("ProcessOrder", "staging").concerns(e)).as("another alias").isFalse();
    assertThat(alias("OrderWorker", "prod").concerns(e)).as("another function").isFalse();
    assertThat(
            alias("arn:aws:lambda:eu-west-1:123456789012:function:ProcessOrder", "prod")
                .concerns(e))
        .as("declared by ARN")
        .isTrue();
  }

  @Test
  void aStageChangedInTheConsoleBySsoNamesTheUserAndPermissionSet() throws Exception {
    ChangeEvent e = event("update-stage-sso-console.json");

    assertThat(e.who().principal())
        .isEqualTo("SSO user bob@example.com (permission set PlatformAdmin)");
    assertThat(e.who().via()).isEqualTo("the AWS console");
    assertThat(stage(Optional.of("a1b2c3d4e5"), Optional.empty(), "prod").concerns(e)).isTrue();
    assertThat(stage(Optional.of("zzzzzzzzzz"), Optional.empty(), "prod").concerns(e)).isFalse();
    assertThat(stage(Optional.empty(), Optional.of("orders-api"), "prod").concerns(e))
        .as("an API named by name: the re-read decides")
        .isTrue();
    assertThat(stage(Optional.of("a1b2c3d4e5"), Optional.empty(), "dev").concerns(e)).isFalse();
  }

  @Test
  void aServiceUpdatedByCloudFormationSaysSo() throws Exception {
    ChangeEvent e = event("update-service-cloudformation.json");

    assertThat(e.who().via()).isEqualTo("CloudFormation");
    EcsService orders =
        new EcsService("prod", "o", "shop", "orders", List.of(), Optional.empty(), List.of(), SRC);
    EcsService other =
        new EcsService(
            "prod", "o", "shop", "payments", List.of(), Optional.empty(), List.of(), SRC);
    assertThat(orders.concerns(e)).isTrue();
    assertThat(other.concerns(e)).isFalse();
  }

  @Test
  void anAppConfigDeploymentByAnIamUserWithBoto3() throws Exception {
    ChangeEvent e = event("start-deployment-iam-user-boto3.json");

    assertThat(e.who().describe())
        .startsWith("IAM user carol via an SDK (Python, boto3), StartDeployment");
    AppConfigDeployment byName =
        new AppConfigDeployment(
            "prod", "f", "shop", "prod", "flags", 4, "AppConfig.AllAtOnce", SRC);
    AppConfigDeployment byOtherIds =
        new AppConfigDeployment("prod", "f", "xyz9876", "env5678", "prf9012", 4, "x", SRC);
    assertThat(byName.concerns(e)).isTrue();
    assertThat(byOtherIds.concerns(e)).isFalse();
  }

  @Test
  void readsAreNotWritesButARecorderThatFlagsAWriteAsAReadIsStillSeen() throws Exception {
    ChangeEvent read = event("get-alias-read.json");
    assertThat(read.writes()).isFalse();

    JsonNode misnamed =
        JSON.readTree(
            """
            {"eventSource": "lambda.amazonaws.com", "eventName": "ListAliases", "readOnly": "true",
             "eventTime": "2026-11-30T12:00:00Z", "userAgent": "Boto3/1.0",
             "userIdentity": {"type": "IAMUser", "userName": "AKIAOTHER", "arn": "arn:aws:iam::000000000000:user/AKIAOTHER"},
             "requestParameters": {"FunctionVersion": "3"}}
            """);
    ChangeEvent e = CloudTrailRecords.parse(misnamed, Set.of("ProcessOrder")).orElseThrow();
    assertThat(e.writes()).as("an owned field in the request").isTrue();
    assertThat(alias("ProcessOrder", "prod").concerns(e)).as("named by its resource list").isTrue();
  }

  @Test
  void pointsmansOwnCallsAreToldApartAndOtherShapesAreNotEvents() throws Exception {
    JsonNode own =
        JSON.readTree(
            """
            {"eventSource": "lambda.amazonaws.com", "eventName": "UpdateAlias20150331",
             "eventTime": "2026-11-30T12:00:00Z",
             "userAgent": "aws-sdk-java/2.57.8 ua/2.1 os/Linux app/pointsman-agent",
             "userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::1:assumed-role/pointsman/x"},
             "requestParameters": {"functionName": "ProcessOrder", "name": "prod"}, "readOnly": false}
            """);
    assertThat(CloudTrailRecords.parse(own, Set.of()).orElseThrow().byPointsman()).isTrue();
    assertThat(CloudTrailRecords.parse(JSON.readTree("{\"a\": 1}"), Set.of())).isEmpty();
    assertThat(CloudTrailRecords.parse(JSON.readTree("[1, 2]"), Set.of())).isEmpty();
    assertThat(
            CloudTrailRecords.parse(
                JSON.readTree(
                    "{\"eventSource\": \"lambda.amazonaws.com\", \"eventName\": \"X\", \"eventTime\": \"yesterday\"}"),
                Set.of()))
        .isEmpty();
  }

  @Test
  void userAgentsAndPrincipalsOfOtherClients() {
    assertThat(CloudTrailRecords.via("Terraform/1.7.0 terraform-provider-aws/5.40", "", "1.2.3.4"))
        .isEqualTo("Terraform");
    assertThat(CloudTrailRecords.via("aws-sdk-go-v2/1.25.0", "", "")).isEqualTo("an SDK (Go)");
    assertThat(CloudTrailRecords.via("", "", "")).isEqualTo("an unknown client");
    assertThat(CloudTrailRecords.via("curl/8.0 extra", "", "")).isEqualTo("a client (curl/8.0)");
  }
}
