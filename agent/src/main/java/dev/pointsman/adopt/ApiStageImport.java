package dev.pointsman.adopt;

import dev.pointsman.live.apigateway.ApiStageReader;
import dev.pointsman.model.ApiStage;
import dev.pointsman.model.LiveApiStage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * API Gateway REST API stages: APIs chosen by name ({@code GetRestApis}), then one {@code
 * GetStages} per API; one file per stage. An API whose name is shared by another API (or cannot be
 * written as a name) is named by id. Stage variables are written verbatim, so references stay
 * references.
 */
final class ApiStageImport {
  private static final Pattern WRITABLE_NAME = Pattern.compile("[^\\p{Cntrl}]{1,1024}");

  private final ImportScope scope;

  ApiStageImport(ImportScope scope) {
    this.scope = scope;
  }

  KindImport run() {
    if (!scope.filters().apis()) return KindImport.empty();
    ApiGatewayClient api = scope.clients().apiGateway(scope.env());
    List<RestApi> all =
        scope
            .calls()
            .call(() -> api.getRestApisPaginator(r -> r.limit(500)).items().stream().toList());
    Map<String, Integer> byName = new HashMap<>();
    all.forEach(a -> byName.merge(a.name(), 1, Integer::sum));
    List<String> wanted = scope.filters().restApis();
    List<Finding> findings = new ArrayList<>();
    for (String w : wanted) {
      if (all.stream().noneMatch(a -> a.name().equals(w) || a.id().equals(w)))
        findings.add(Finding.skipped("REST API " + w, "no REST API with this name or id"));
    }
    List<RestApi> chosen =
        all.stream()
            .filter(
                a -> scope.filters().all() || wanted.contains(a.name()) || wanted.contains(a.id()))
            .sorted(Comparator.comparing(RestApi::name).thenComparing(RestApi::id))
            .toList();
    List<KindImport> parts =
        scope.each("REST APIs", chosen, a -> stages(api, a, byName.getOrDefault(a.name(), 0) == 1));
    List<KindImport> all2 = new ArrayList<>(parts);
    all2.add(new KindImport(List.of(), findings));
    return KindImport.merge(all2);
  }

  private KindImport stages(ApiGatewayClient api, RestApi rest, boolean uniqueName) {
    String label = "REST API " + rest.name() + " (" + rest.id() + ")";
    Optional<String> apiManager = Ownership.managedBy(rest.tags());
    List<Stage> stages =
        scope.calls().call(() -> api.getStages(r -> r.restApiId(rest.id())).item()).stream()
            .sorted(Comparator.comparing(Stage::stageName))
            .toList();
    List<ImportedFile> files = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    if (stages.isEmpty()) findings.add(Finding.skipped(label, "has no stage"));
    boolean byName = uniqueName && WRITABLE_NAME.matcher(rest.name()).matches();
    if (!uniqueName)
      findings.add(
          Finding.warning(label, "another REST API has the same name; written with its id"));
    for (Stage s : stages) {
      String stageLabel = label + " stage " + s.stageName();
      Optional<String> manager = apiManager.or(() -> Ownership.managedBy(s.tags()));
      if (manager.isPresent()) {
        if (!scope.filters().includeManaged()) {
          findings.add(Finding.managed(stageLabel, manager.get()));
          continue;
        }
        findings.add(
            Finding.warning(stageLabel, "managed by " + manager.get() + ", imported anyway"));
      }
      if (s.deploymentId() == null || s.deploymentId().isEmpty()) {
        findings.add(Finding.skipped(stageLabel, "has no deployment"));
        continue;
      }
      LiveApiStage live = ApiStageReader.toLive(s);
      String identity = rest.id() + "/" + s.stageName();
      String name = scope.files().name(ApiStage.KIND, identity, rest.name(), s.stageName());
      YamlText doc = new YamlText().header(ApiStage.KIND, name);
      if (byName) doc.field(1, "restApiName", YamlText.scalar(rest.name()));
      else doc.field(1, "restApiId", YamlText.quoted(rest.id()));
      doc.field(1, "stage", YamlText.scalar(s.stageName()));
      doc.field(1, "deploymentId", YamlText.quoted(live.deploymentId()));
      if (!live.variables().isEmpty()) doc.map(1, "variables", new TreeMap<>(live.variables()));
      live.canary()
          .ifPresent(
              c -> {
                doc.open(1, "canary");
                doc.field(2, "deploymentId", YamlText.quoted(c.deploymentId()));
                doc.field(2, "percentTraffic", c.percentTraffic().value().toPlainString());
                if (!c.variables().isEmpty()) doc.map(2, "variables", new TreeMap<>(c.variables()));
              });
      String file =
          scope.files().name(FileNames.FILES, "ApiStage/" + identity, rest.name(), s.stageName())
              + ".yaml";
      files.add(
          new ImportedFile(
              file,
              scope.origin(
                  "REST API " + rest.name() + " (" + rest.id() + "), stage " + s.stageName()),
              List.of(doc.toString())));
    }
    return new KindImport(files, findings);
  }
}
