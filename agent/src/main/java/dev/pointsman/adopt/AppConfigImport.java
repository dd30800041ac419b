package dev.pointsman.adopt;

import dev.pointsman.model.AppConfigDeployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfig.model.Application;
import software.amazon.awssdk.services.appconfig.model.ConfigurationProfileSummary;
import software.amazon.awssdk.services.appconfig.model.DeploymentState;
import software.amazon.awssdk.services.appconfig.model.DeploymentSummary;
import software.amazon.awssdk.services.appconfig.model.Environment;

/**
 * AppConfig: for each chosen application, every AppConfig environment and hosted configuration
 * profile that has a deployment; one file per environment and profile with the version of the
 * latest deployment and the strategy it used ({@code GetDeployment}, named when the strategy has a
 * name).
 */
final class AppConfigImport {
  private final ImportScope scope;

  AppConfigImport(ImportScope scope) {
    this.scope = scope;
  }

  KindImport run() {
    if (!scope.filters().appConfig()) return KindImport.empty();
    AppConfigClient client = scope.clients().appConfig(scope.env());
    List<Application> apps =
        scope
            .calls()
            .call(
                () ->
                    client.listApplicationsPaginator(r -> r.maxResults(50)).items().stream()
                        .toList());
    List<String> wanted = scope.filters().appConfigApplications();
    List<Finding> findings = new ArrayList<>();
    for (String w : wanted) {
      if (apps.stream().noneMatch(a -> a.name().equals(w) || a.id().equals(w)))
        findings.add(Finding.skipped("AppConfig application " + w, "no such application"));
    }
    Map<String, String> strategies = new HashMap<>();
    scope
        .calls()
        .call(
            () ->
                client.listDeploymentStrategiesPaginator(r -> r.maxResults(50)).items().stream()
                    .toList())
        .forEach(s -> strategies.put(s.id(), s.name()));
    List<KindImport> parts = new ArrayList<>();
    parts.add(new KindImport(List.of(), findings));
    apps.stream()
        .filter(a -> scope.filters().all() || wanted.contains(a.name()) || wanted.contains(a.id()))
        .sorted(Comparator.comparing(Application::name))
        .forEach(a -> parts.add(application(client, a, strategies)));
    return KindImport.merge(parts);
  }

  private KindImport application(
      AppConfigClient client, Application app, Map<String, String> strategies) {
    List<Environment> envs =
        scope
            .calls()
            .call(
                () ->
                    client
                        .listEnvironmentsPaginator(r -> r.applicationId(app.id()).maxResults(50))
                        .items()
                        .stream()
                        .toList());
    List<ConfigurationProfileSummary> profiles =
        scope
            .calls()
            .call(
                () ->
                    client
                        .listConfigurationProfilesPaginator(
                            r -> r.applicationId(app.id()).maxResults(50))
                        .items()
                        .stream()
                        .toList());
    Map<String, Long> profileNames = new HashMap<>();
    profiles.forEach(p -> profileNames.merge(p.name(), 1L, Long::sum));
    List<ImportedFile> files = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Environment env : envs.stream().sorted(Comparator.comparing(Environment::name)).toList()) {
      List<DeploymentSummary> deployments =
          scope
              .calls()
              .call(
                  () ->
                      client
                          .listDeploymentsPaginator(
                              r -> r.applicationId(app.id()).environmentId(env.id()).maxResults(50))
                          .items()
                          .stream()
                          .toList());
      for (ConfigurationProfileSummary p :
          profiles.stream()
              .sorted(Comparator.comparing(ConfigurationProfileSummary::name))
              .toList()) {
        String label = "AppConfig " + app.name() + "/" + env.name() + "/" + p.name();
        Optional<DeploymentSummary> latest =
            deployments.stream()
                .filter(d -> p.name().equals(d.configurationName()))
                .max(Comparator.comparing(DeploymentSummary::deploymentNumber));
        if (latest.isEmpty()) continue;
        if (!"hosted".equals(p.locationUri())) {
          findings.add(
              Finding.skipped(
                  label, "not a hosted configuration profile (" + p.locationUri() + ")"));
          continue;
        }
        if (profileNames.get(p.name()) > 1) {
          findings.add(
              Finding.skipped(
                  label,
                  "another profile of the application has the same name; deployments cannot tell them apart"));
          continue;
        }
        DeploymentSummary d = latest.get();
        if (d.state() == DeploymentState.ROLLED_BACK)
          findings.add(
              Finding.warning(
                  label,
                  "its latest deployment (version "
                      + d.configurationVersion()
                      + ") was rolled back; the agent holds it until Git names another version"));
        String strategyId =
            scope
                .calls()
                .call(
                    () ->
                        client.getDeployment(
                            r ->
                                r.applicationId(app.id())
                                    .environmentId(env.id())
                                    .deploymentNumber(d.deploymentNumber())))
                .deploymentStrategyId();
        String strategy =
            strategyId == null
                ? AppConfigDeployment.DEFAULT_STRATEGY
                : strategies.getOrDefault(strategyId, strategyId);
        String identity = app.id() + "/" + env.id() + "/" + p.id();
        String name =
            scope
                .files()
                .name(AppConfigDeployment.KIND, identity, app.name(), env.name(), p.name());
        YamlText doc = new YamlText().header(AppConfigDeployment.KIND, name);
        doc.field(1, "application", YamlText.scalar(app.name()));
        doc.field(1, "environment", YamlText.scalar(env.name()));
        doc.field(1, "configurationProfile", YamlText.scalar(p.name()));
        doc.field(1, "version", YamlText.version(d.configurationVersion()));
        doc.field(1, "strategy", YamlText.scalar(strategy));
        String file =
            scope
                    .files()
                    .name(
                        FileNames.FILES, "AppConfig/" + identity, app.name(), env.name(), p.name())
                + ".yaml";
        files.add(
            new ImportedFile(
                file,
                scope.origin(
                    "AppConfig application "
                        + app.name()
                        + ", environment "
                        + env.name()
                        + ", profile "
                        + p.name()),
                List.of(doc.toString())));
      }
    }
    return new KindImport(files, findings);
  }
}
