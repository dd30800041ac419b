package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.adopt.Finding;
import dev.pointsman.adopt.ImportFilters;
import dev.pointsman.adopt.Importer;
import dev.pointsman.adopt.Progress;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code pointsman import} against an emulator seeded with a mixed fleet: what it writes validates
 * and plans with zero changes, filters choose what is read, managed resources are skipped, hostile
 * AWS names give safe file names, no secret value is written and no existing file is overwritten.
 */
class ImportIT {
  private static final String ID = LambdaFixture.uniqueName("imp").substring(4);
  private static final String PREFIX = "imp-" + ID + "-";
  private static final String SECRET_VALUE = "s3cr3t-" + ID + "-do-not-write";
  private static final String HOSTILE_API =
      "../" + ID + "/ünïcødé.api\u2028#: {x}/" + "y".repeat(120);
  private static String ordersApiId;
  private static String ordersDeployment;
  private static String canaryDeployment;
  private static String cluster;
  private static String application;

  @TempDir Path tmp;

  @BeforeAll
  static void seed() throws Exception {
    try (LambdaFixture lambda = new LambdaFixture();
        ApiGatewayFixture api = new ApiGatewayFixture();
        EcsFixture ecs = new EcsFixture();
        SsmClient ssm = Emulator.client(SsmClient.builder());
        SecretsManagerClient secrets = Emulator.client(SecretsManagerClient.builder())) {
      lambda.createFunctions(List.of(PREFIX + "orders", PREFIX + "latest", PREFIX + "cfn"), 3);
      lambda
          .client()
          .createAlias(
              r ->
                  r.functionName(PREFIX + "orders")
                      .name("live")
                      .functionVersion("2")
                      .routingConfig(c -> c.additionalVersionWeights(Map.of("3", 0.1))));
      lambda
          .client()
          .createAlias(r -> r.functionName(PREFIX + "orders").name("next").functionVersion("3"));
      lambda
          .client()
          .createAlias(
              r -> r.functionName(PREFIX + "latest").name("dev").functionVersion("$LATEST"));
      lambda
          .client()
          .createAlias(r -> r.functionName(PREFIX + "cfn").name("live").functionVersion("1"));
      String cfnArn =
          lambda
              .client()
              .getFunction(r -> r.functionName(PREFIX + "cfn"))
              .configuration()
              .functionArn();
      lambda
          .client()
          .tagResource(
              r -> r.resource(cfnArn).tags(Map.of("aws:cloudformation:stack-name", "shop-" + ID)));

      ssm.putParameter(
          r ->
              r.name("/imp/" + ID + "/config")
                  .value("plain-config")
                  .type("String")
                  .overwrite(true));
      ssm.putParameter(
          r ->
              r.name("/imp/" + ID + "/db")
                  .value(SECRET_VALUE)
                  .type("SecureString")
                  .overwrite(true));
      String secretArn =
          secrets
              .createSecret(r -> r.name("imp/" + ID + "/api-key").secretString(SECRET_VALUE))
              .arn();

      List<String> orders = api.createApi(PREFIX + "orders-api", 2);
      ordersApiId = orders.get(0);
      ordersDeployment = orders.get(1);
      canaryDeployment = orders.get(2);
      api.createStage(
          ordersApiId,
          "prod",
          ordersDeployment,
          Map.of("env", "prod", "config", "ssm:/imp/" + ID + "/config"));
      api.client()
          .updateStage(
              r ->
                  r.restApiId(ordersApiId)
                      .stageName("prod")
                      .patchOperations(
                          p ->
                              p.op("replace")
                                  .path("/canarySettings/deploymentId")
                                  .value(canaryDeployment),
                          p -> p.op("replace").path("/canarySettings/percentTraffic").value("10")));
      List<String> hostile = api.createApi(HOSTILE_API, 1);
      api.createStage(hostile.get(0), "v1", hostile.get(1), Map.of());

      cluster = PREFIX + "cluster";
      ecs.createService(cluster, "web", PREFIX + "web");
      String td =
          ecs.client()
              .registerTaskDefinition(
                  r ->
                      r.family(PREFIX + "worker")
                          .cpu("256")
                          .memory("512")
                          .containerDefinitions(
                              ContainerDefinition.builder()
                                  .name("worker")
                                  .image(EcsFixture.DIGEST_B)
                                  .memory(256)
                                  .essential(true)
                                  .environment(
                                      KeyValuePair.builder().name("QUEUE").value("orders").build())
                                  .secrets(
                                      Secret.builder()
                                          .name("DB_PASSWORD")
                                          .valueFrom(
                                              "arn:aws:ssm:"
                                                  + Emulator.REGION
                                                  + ":"
                                                  + Emulator.ACCOUNT
                                                  + ":parameter/imp/"
                                                  + ID
                                                  + "/db")
                                          .build(),
                                      Secret.builder().name("API_KEY").valueFrom(secretArn).build())
                                  .build()))
              .taskDefinition()
              .taskDefinitionArn();
      ecs.client()
          .createService(
              r -> r.cluster(cluster).serviceName("worker").taskDefinition(td).desiredCount(2));
    }
    application = PREFIX + "shop";
    try (AppConfigFixture appConfig = new AppConfigFixture(application, "prod")) {
      String flags = appConfig.hostedProfile("flags", 3);
      appConfig.deployByHand(flags, 2, appConfig.fast);
    }
  }

  private record Output(int exit, String stdout) {}

  private Output run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AgentProcess.jar().toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("stdout-" + System.nanoTime() + ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(AgentProcess.awsEnv(Emulator.endpoint()));
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private static String all(Path dir) throws Exception {
    StringBuilder s = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".yaml"))
              .sorted()
              .toList()) s.append(Files.readString(f));
    }
    return s.toString();
  }

  @Test
  void aMixedFleetImportsValidatesAndPlansWithZeroChanges() throws Exception {
    Path repo = tmp.resolve("repo");
    Output o =
        run(
            "import",
            "--env",
            "dev",
            "--region",
            Emulator.REGION,
            "--out",
            repo.toString(),
            "--function-prefix",
            PREFIX,
            "--rest-api",
            PREFIX + "orders-api",
            "--rest-api",
            HOSTILE_API,
            "--cluster",
            cluster,
            "--appconfig-application",
            application);

    assertThat(o.exit()).as(o.stdout()).isZero();
    assertThat(o.stdout())
        .contains(
            "Round-trip: zero changes",
            "skipped: Lambda function "
                + PREFIX
                + "cfn: managed by CloudFormation stack shop-"
                + ID);
    Path dev = repo.resolve("dev");
    String env = Files.readString(dev.resolve("environment.yaml"));
    assertThat(env)
        .contains(
            "accountId: \"" + Emulator.ACCOUNT + "\"",
            "region: " + Emulator.REGION,
            "drift: report",
            "protected: false");
    String orders = Files.readString(dev.resolve(PREFIX + "orders.yaml"));
    assertThat(orders)
        .startsWith(
            "# yaml-language-server: $schema=../.schema/pointsman-v1.schema.json\n# Imported by pointsman import from Lambda function "
                + PREFIX
                + "orders")
        .contains(
            "  functionName: "
                + PREFIX
                + "orders\n  alias: live\n  version: 2\n  routing:\n    version: 3\n    weight: 10\n")
        .contains("---\n")
        .contains("  alias: next\n  version: 3\n");
    assertThat(Files.readString(dev.resolve(PREFIX + "latest.yaml"))).contains("version: $LATEST");
    assertThat(dev.resolve(PREFIX + "cfn.yaml")).doesNotExist();
    String stage = Files.readString(dev.resolve(PREFIX + "orders-api-prod.yaml"));
    assertThat(stage)
        .contains(
            "  restApiName: "
                + PREFIX
                + "orders-api\n  stage: prod\n  deploymentId: \""
                + ordersDeployment
                + "\"\n",
            "    config: ssm:/imp/" + ID + "/config\n",
            "    env: prod\n",
            "  canary:\n    deploymentId: \"" + canaryDeployment + "\"\n    percentTraffic: 10\n");
    String worker = Files.readString(dev.resolve(PREFIX + "cluster-worker.yaml"));
    assertThat(worker)
        .contains(
            "  desiredCount: 2\n",
            "      image: " + EcsFixture.DIGEST_B,
            "        DB_PASSWORD: ssm:/imp/" + ID + "/db\n",
            "        API_KEY: arn:aws:secretsmanager:");
    assertThat(all(repo)).doesNotContain(SECRET_VALUE);
    assertThat(Files.readString(dev.resolve(PREFIX + "shop-prod-flags.yaml")))
        .contains("  configurationProfile: flags\n  version: 2\n  strategy: ");
    assertThat(repo.resolve(".schema/pointsman-v1.schema.json")).isRegularFile();
    try (Stream<Path> files = Files.list(dev)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .allSatisfy(n -> assertThat(n).matches("[a-z0-9][a-z0-9-]{0,59}\\.yaml"))
          .anySatisfy(n -> assertThat(n).matches(".*-[0-9a-f]{8}\\.yaml"));
    }
    Output valid = run("validate", "--repo", repo.toString());
    assertThat(valid.exit()).as(valid.stdout()).isZero();
    Output plan =
        run(
            "plan",
            "--repo",
            gitRepo(repo),
            "--env",
            "dev",
            "--workdir",
            tmp.resolve("work").toString());
    assertThat(plan.exit()).as(plan.stdout()).isZero();
  }

  @Test
  void aProtectedEnvironmentRefusesLatestAndNeverOverwritesAFile() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("prod"));
    Path mine = repo.resolve("prod/" + PREFIX + "orders.yaml");
    Files.writeString(
        mine, "# written by hand\n" + Manifests.alias("mine", PREFIX + "orders", "live", "2"));

    Output o =
        run(
            "import",
            "--env",
            "prod",
            "--region",
            Emulator.REGION,
            "--out",
            repo.toString(),
            "--protected",
            "--function-prefix",
            PREFIX);

    assertThat(o.exit()).as(o.stdout()).isEqualTo(2);
    assertThat(o.stdout())
        .contains("not imported: Lambda alias " + PREFIX + "latest:dev: points at $LATEST")
        .contains("kept  prod/" + PREFIX + "orders.yaml (exists; --force overwrites)")
        .contains("1 selected resource(s) not imported");
    assertThat(Files.readString(mine)).startsWith("# written by hand\n");
    assertThat(repo.resolve("prod/" + PREFIX + "latest.yaml")).doesNotExist();
    assertThat(Files.readString(repo.resolve("prod/environment.yaml"))).contains("protected: true");
  }

  @Test
  void filtersChooseWhatIsReadAndNothingIsImportedWithoutOne() throws Exception {
    Path repo = tmp.resolve("repo");
    Output none =
        run("import", "--env", "dev", "--region", Emulator.REGION, "--out", repo.toString());
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.stdout()).contains("nothing selected");
    assertThat(repo).doesNotExist();

    Output one =
        run(
            "import",
            "--env",
            "dev",
            "--region",
            Emulator.REGION,
            "--out",
            repo.toString(),
            "--function",
            PREFIX + "orders",
            "--alias",
            "next",
            "--function",
            PREFIX + "missing");
    assertThat(one.exit()).as(one.stdout()).isEqualTo(2);
    assertThat(one.stdout())
        .contains("not imported: Lambda function " + PREFIX + "missing: no such function");
    try (Stream<Path> files = Files.list(repo.resolve("dev"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("environment.yaml", PREFIX + "orders.yaml");
    }
    String orders = Files.readString(repo.resolve("dev/" + PREFIX + "orders.yaml"));
    assertThat(orders)
        .contains("alias: next")
        .doesNotContain("alias: live")
        .contains("name: " + PREFIX + "orders\n");
  }

  @Test
  void planWarnsAboutADeclaredResourceCloudFormationAlsoManages() throws Exception {
    Path repo = tmp.resolve("declared");
    Files.createDirectories(repo.resolve("dev"));
    Files.writeString(
        repo.resolve("dev/environment.yaml"),
        Manifests.environment("dev", Emulator.ACCOUNT, false));
    Files.writeString(
        repo.resolve("dev/cfn.yaml"), Manifests.alias("cfn", PREFIX + "cfn", "live", "1"));

    Output plan = run("plan", "--repo", gitRepo(repo), "--workdir", tmp.resolve("work").toString());

    assertThat(plan.exit()).as(plan.stdout()).isZero();
    assertThat(plan.stdout())
        .contains(
            "warning: dev: Lambda function "
                + PREFIX
                + "cfn is also managed by CloudFormation stack shop-"
                + ID);
  }

  /** In process, so the policy check sees every listing import makes. */
  @Test
  void everyListingIsDeclaredAndInTheDocumentedImportPolicy() throws Exception {
    ExecutorService readers = Executors.newFixedThreadPool(4);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    try (AwsClients aws =
        new AwsClients(Emulator.credentials(), Optional.of(Emulator.endpoint()))) {
      Environment env =
          new Environment(
              "dev",
              Emulator.REGION,
              Emulator.ACCOUNT,
              Optional.empty(),
              DriftPolicy.REPORT,
              true,
              new Source("dev/environment.yaml", 0));
      ImportFilters filters =
          new ImportFilters(
              List.of(PREFIX),
              Map.of(),
              List.of(),
              Optional.empty(),
              List.of(PREFIX + "orders-api"),
              List.of(cluster),
              List.of(),
              List.of(application),
              false,
              true);
      Importer.Result r =
          new Importer(
                  aws,
                  new AwsCalls(AwsCalls.RetryPolicy.defaults()),
                  readers,
                  new Progress(
                      new PrintStream(progress, true, StandardCharsets.UTF_8),
                      false,
                      Clock.systemUTC()))
              .run(env, filters, tmp.resolve("repo"), false);

      assertThat(r.findings())
          .extracting(Finding::toString)
          .anySatisfy(
              f ->
                  assertThat(f)
                      .contains(PREFIX + "cfn: managed by CloudFormation stack", "imported anyway"))
          .anySatisfy(
              f -> assertThat(f).contains("not imported: Lambda alias " + PREFIX + "latest:dev"));
      assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Lambda functions: 3/3");
      assertThat(r.written()).hasSizeGreaterThanOrEqualTo(5);
    } finally {
      readers.shutdownNow();
    }
  }

  private static String gitRepo(Path dir) throws Exception {
    try (GitFixture git = new GitFixture(dir)) {
      git.commit("import");
      return git.url();
    }
  }
}
