package dev.pointsman.cli;

import dev.pointsman.adopt.Finding;
import dev.pointsman.adopt.ImportFilters;
import dev.pointsman.adopt.Importer;
import dev.pointsman.adopt.Progress;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.manifest.DirectoryFiles;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.Patterns;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code pointsman import}: writes the manifests of one environment for what already runs, then
 * validates them and plans them against the same live state. Exit 0 only when that plan has no
 * change and everything selected was written.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Write manifests for what already runs in an account and Region, then validate and plan"
            + " them. Exit 0 when they plan with zero changes, 2 when something would not round-trip,"
            + " 1 on errors.")
final class ImportCommand implements Callable<Integer> {
  @Option(
      names = "--env",
      required = true,
      paramLabel = "<name>",
      description = "Environment (folder) name to write.")
  String env;

  @Option(
      names = "--region",
      required = true,
      paramLabel = "<region>",
      description = "AWS Region to read.")
  String region;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<dir>",
      description = "Manifests root; writes <dir>/<env>/.")
  Path out;

  @Option(
      names = "--protected",
      description = "Write a protected environment (no $LATEST, images by digest).")
  boolean isProtected;

  @Option(
      names = "--function-prefix",
      paramLabel = "<prefix>",
      description = "Lambda functions whose name starts with this; repeatable.")
  List<String> functionPrefixes = List.of();

  @Option(
      names = "--function-tag",
      paramLabel = "<key=value>",
      description = "Lambda functions with this tag; repeatable (all must match).")
  Map<String, String> functionTags = new LinkedHashMap<>();

  @Option(
      names = "--function",
      paramLabel = "<name>",
      description = "A Lambda function by name; repeatable.")
  List<String> functions = List.of();

  @Option(
      names = "--alias",
      paramLabel = "<name>",
      description = "Only this alias of each function (default: all its aliases).")
  String alias;

  @Option(
      names = "--rest-api",
      paramLabel = "<name|id>",
      description = "A REST API (all its stages); repeatable.")
  List<String> restApis = List.of();

  @Option(
      names = "--cluster",
      paramLabel = "<name>",
      description = "An ECS cluster (all its services, or --service); repeatable.")
  List<String> clusters = List.of();

  @Option(
      names = "--service",
      paramLabel = "<name>",
      description = "Only this ECS service of the clusters; repeatable.")
  List<String> services = List.of();

  @Option(
      names = "--appconfig-application",
      paramLabel = "<name|id>",
      description = "An AppConfig application; repeatable.")
  List<String> appConfigApplications = List.of();

  @Option(
      names = "--all",
      description = "Every kind, everything in the account and Region (no filter needed).")
  boolean all;

  @Option(
      names = "--include-managed",
      description = "Also import resources CloudFormation, SAM or CDK manage.")
  boolean includeManaged;

  @Option(names = "--force", description = "Overwrite files that already exist.")
  boolean force;

  @Option(
      names = "--aws-quota-share",
      paramLabel = "<0..1>",
      defaultValue = "0.5",
      description = "Share of each AWS request quota to use (default: ${DEFAULT-VALUE}).")
  double quotaShare;

  @Override
  public Integer call() {
    if (!Patterns.ENVIRONMENT_NAME.matcher(env).matches()) {
      System.err.println(
          "error: --env: expected a folder name of lower-case letters, digits and -, found " + env);
      return 1;
    }
    if (!Patterns.REGION.matcher(region).matches()) {
      System.err.println(
          "error: --region: expected an AWS Region such as eu-west-1, found " + region);
      return 1;
    }
    ImportFilters filters =
        new ImportFilters(
            functionPrefixes,
            functionTags,
            functions,
            Optional.ofNullable(alias),
            restApis,
            clusters,
            services,
            appConfigApplications,
            all,
            includeManaged);
    if (!filters.any()) {
      System.err.println(
          "error: nothing selected: name what to import (--function-prefix, --function-tag, --function,"
              + " --rest-api, --cluster, --appconfig-application) or pass --all");
      return 1;
    }
    Clock clock = Clock.systemUTC();
    ExecutorService readers = Reconciler.readerPool();
    AwsCalls calls = new AwsCalls(AwsCalls.RetryPolicy.defaults());
    try (AwsClients aws = AwsClients.limited(Kinds.quotas(quotaShare, List.of()))) {
      Environment probe = environment("unknown");
      String account = calls.call(() -> aws.sts(probe).getCallerIdentity()).account();
      Environment target = environment(account);
      System.out.println(
          "Importing into " + out.resolve(env) + " from account " + account + ", " + region);
      Importer.Result result =
          new Importer(
                  aws, calls, readers, new Progress(System.out, System.console() != null, clock))
              .run(target, filters, out, force);
      result.written().forEach(p -> System.out.println("wrote " + out.relativize(p)));
      result
          .kept()
          .forEach(
              p ->
                  System.out.println(
                      "kept  " + out.relativize(p) + " (exists; --force overwrites)"));
      result.findings().forEach(f -> System.out.println(f));
      return check(aws, calls, readers, clock, result);
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } catch (SdkException e) {
      System.err.println("error: AWS: " + e.getMessage());
      return 1;
    } finally {
      readers.shutdownNow();
    }
  }

  /** Validates everything under --out and plans this environment against live state. */
  private int check(
      AwsClients aws, AwsCalls calls, ExecutorService readers, Clock clock, Importer.Result result)
      throws IOException {
    Pass pass = Components.pass(new Components.Wiring(aws, calls, readers));
    LoadResult load = pass.load(DirectoryFiles.read(out));
    Printer printer = new Printer(System.out);
    if (!load.valid()) {
      printer.rejections(load.errors());
      return 1;
    }
    Commit commit = new Commit("import", "pointsman import", "import of " + env, clock.instant());
    PassResult planned =
        pass.evaluate(commit, load, Set.of(env), Optional.empty()).result(List.of());
    long notImported =
        result.findings().stream().filter(f -> f.type() == Finding.Type.NOT_IMPORTABLE).count();
    boolean converged = planned.plan().pending().isEmpty() && planned.plan().errors().isEmpty();
    System.out.println(
        "Valid. "
            + result.documents()
            + " document(s) written for "
            + env
            + "; planned against live state:");
    printer.plan(planned.plan());
    if (converged && notImported == 0) {
      System.out.println(
          "Round-trip: zero changes. Commit " + out.resolve(env) + " and open a pull request.");
      return 0;
    }
    if (!converged)
      System.out.println(
          "Would not round-trip: the changes and errors above (apply would make them).");
    if (notImported > 0)
      System.out.println(
          notImported + " selected resource(s) not imported (listed above as 'not imported').");
    return 2;
  }

  private Environment environment(String account) {
    return new Environment(
        env,
        region,
        account,
        Optional.empty(),
        DriftPolicy.REPORT,
        isProtected,
        new Source(env + "/environment.yaml", 0));
  }
}
