package dev.pointsman.adopt;

import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.Percent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda aliases: functions chosen by name prefix, tag or name ({@code ListFunctions}, then one
 * {@code GetFunction} each for its tags), then one {@code ListAliases} per function. One file per
 * function holds all its aliases (or the one {@code --alias}).
 */
final class LambdaImport {
  private final ImportScope scope;

  LambdaImport(ImportScope scope) {
    this.scope = scope;
  }

  KindImport run() {
    if (!scope.filters().lambda()) return KindImport.empty();
    LambdaClient lambda = scope.clients().lambda(scope.env());
    ImportFilters f = scope.filters();
    TreeSet<String> names = new TreeSet<>(f.functions());
    boolean listing = f.all() || !f.functionPrefixes().isEmpty() || !f.functionTags().isEmpty();
    if (listing) {
      List<FunctionConfiguration> all =
          scope
              .calls()
              .call(
                  () ->
                      lambda.listFunctionsPaginator(r -> r.maxItems(50)).functions().stream()
                          .toList());
      for (FunctionConfiguration fc : all) {
        boolean byPrefix =
            f.all() && f.functionPrefixes().isEmpty() && f.functionTags().isEmpty()
                || f.functionPrefixes().stream().anyMatch(p -> fc.functionName().startsWith(p));
        // Tags are not in the listing: a tag filter alone keeps every function a candidate.
        if (byPrefix || !f.functionTags().isEmpty()) names.add(fc.functionName());
      }
    }
    List<Optional<Result>> results =
        scope.each("Lambda functions", new ArrayList<>(names), name -> read(lambda, name));
    List<ImportedFile> files = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Optional<Result> r : results) {
      r.ifPresent(
          x -> {
            x.file().ifPresent(files::add);
            findings.addAll(x.findings());
          });
    }
    return new KindImport(files, findings);
  }

  private record Result(Optional<ImportedFile> file, List<Finding> findings) {}

  private Optional<Result> read(LambdaClient lambda, String name) {
    ImportFilters f = scope.filters();
    String label = "Lambda function " + name;
    GetFunctionResponse fn;
    try {
      fn = scope.calls().call(() -> lambda.getFunction(r -> r.functionName(name)));
    } catch (ResourceNotFoundException e) {
      return Optional.of(
          new Result(Optional.empty(), List.of(Finding.skipped(label, "no such function"))));
    }
    Map<String, String> tags = fn.hasTags() ? fn.tags() : Map.of();
    boolean named = f.functions().contains(name);
    boolean prefixed =
        f.all() && f.functionPrefixes().isEmpty() && f.functionTags().isEmpty()
            || f.functionPrefixes().stream().anyMatch(name::startsWith);
    boolean tagged =
        !f.functionTags().isEmpty()
            && f.functionTags().entrySet().stream()
                .allMatch(t -> t.getValue().equals(tags.get(t.getKey())));
    if (!named && !prefixed && !tagged) return Optional.empty();
    Optional<String> manager = Ownership.managedBy(tags);
    List<Finding> findings = new ArrayList<>();
    if (manager.isPresent()) {
      if (!f.includeManaged()) {
        return Optional.of(
            new Result(Optional.empty(), List.of(Finding.managed(label, manager.get()))));
      }
      findings.add(Finding.warning(label, "managed by " + manager.get() + ", imported anyway"));
    }
    List<AliasConfiguration> aliases =
        scope
            .calls()
            .call(
                () ->
                    lambda
                        .listAliasesPaginator(r -> r.functionName(name).maxItems(10000))
                        .aliases()
                        .stream()
                        .toList())
            .stream()
            .filter(a -> f.alias().map(a.name()::equals).orElse(true))
            .sorted(Comparator.comparing(AliasConfiguration::name))
            .toList();
    List<String> documents = new ArrayList<>();
    for (AliasConfiguration a : aliases) {
      String aliasLabel = "Lambda alias " + name + ":" + a.name();
      if (LambdaAlias.LATEST.equals(a.functionVersion()) && scope.env().isProtected()) {
        findings.add(
            Finding.skipped(
                aliasLabel,
                "points at $LATEST, which a protected environment does not allow; publish a"
                    + " version, point the alias at it and import again"));
        continue;
      }
      Map<String, Double> weights =
          a.routingConfig() != null && a.routingConfig().hasAdditionalVersionWeights()
              ? a.routingConfig().additionalVersionWeights()
              : Map.of();
      if (weights.size() > 1) {
        findings.add(
            Finding.skipped(
                aliasLabel, "routes to more than one extra version; Pointsman has one"));
        continue;
      }
      String metadata =
          aliases.size() == 1
              ? scope.files().name(LambdaAlias.KIND, name + "/" + a.name(), name)
              : scope.files().name(LambdaAlias.KIND, name + "/" + a.name(), name, a.name());
      YamlText doc = new YamlText().header(LambdaAlias.KIND, metadata);
      doc.field(1, "functionName", YamlText.scalar(name));
      doc.field(1, "alias", YamlText.scalar(a.name()));
      doc.field(1, "version", YamlText.version(a.functionVersion()));
      weights.forEach(
          (version, weight) -> {
            doc.open(1, "routing");
            doc.field(2, "version", YamlText.version(version));
            doc.field(2, "weight", Percent.fromFraction(weight).value().toPlainString());
          });
      documents.add(doc.toString());
    }
    if (documents.isEmpty()) {
      if (aliases.isEmpty())
        findings.add(
            Finding.skipped(
                label, f.alias().map(x -> "has no alias " + x).orElse("has no alias to import")));
      return Optional.of(new Result(Optional.empty(), findings));
    }
    String file = scope.files().name(FileNames.FILES, "LambdaFunction/" + name, name) + ".yaml";
    return Optional.of(
        new Result(
            Optional.of(new ImportedFile(file, scope.origin("Lambda function " + name), documents)),
            findings));
  }
}
