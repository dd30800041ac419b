package dev.pointsman.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Desired state of a Lambda alias (manifest kind {@code LambdaAlias}). */
public record LambdaAlias(
    String environment,
    String metadataName,
    String functionName,
    String alias,
    String version,
    Optional<String> codeSha256,
    Optional<Routing> routing,
    Optional<Rollout> rollout,
    Source source,
    Optional<PublishedFrom> publishedFrom,
    Optional<Hooks> hooks)
    implements DesiredResource {
  public static final String KIND = "LambdaAlias";
  public static final String LATEST = "$LATEST";

  /**
   * The version of an alias declared as {@code {publishedFrom: name}} until a published version
   * with that LambdaFunction's content is found (then it is that version's number).
   */
  public static final String TO_PUBLISH = "(to be published)";

  public LambdaAlias(
      String environment,
      String metadataName,
      String functionName,
      String alias,
      String version,
      Optional<String> codeSha256,
      Optional<Routing> routing,
      Optional<Rollout> rollout,
      Source source) {
    this(
        environment,
        metadataName,
        functionName,
        alias,
        version,
        codeSha256,
        routing,
        rollout,
        source,
        Optional.empty(),
        Optional.empty());
  }

  public LambdaAlias(
      String environment,
      String metadataName,
      String functionName,
      String alias,
      String version,
      Optional<String> codeSha256,
      Optional<Routing> routing,
      Optional<Rollout> rollout,
      Source source,
      Optional<PublishedFrom> publishedFrom) {
    this(
        environment,
        metadataName,
        functionName,
        alias,
        version,
        codeSha256,
        routing,
        rollout,
        source,
        publishedFrom,
        Optional.empty());
  }

  @Override
  public List<ConfigRef> references() {
    return hooks.map(Hooks::references).orElse(List.of());
  }

  /**
   * {@code version: {publishedFrom: name}}: the published version whose code and owned
   * configuration match LambdaFunction {@code name} of the same environment; {@code function} is
   * that spec, bound for each pass from the commit's declarations.
   */
  public record PublishedFrom(String name, Optional<LambdaFunction> function) {}

  /** The same alias pointing at {@code version} (a published version resolved for this pass). */
  public LambdaAlias withVersion(String version) {
    return new LambdaAlias(
        environment,
        metadataName,
        functionName,
        alias,
        version,
        codeSha256,
        routing,
        rollout,
        source,
        publishedFrom,
        hooks);
  }

  /** The same alias with its LambdaFunction spec bound. */
  public LambdaAlias bound(LambdaFunction function) {
    return new LambdaAlias(
        environment,
        metadataName,
        functionName,
        alias,
        version,
        codeSha256,
        routing,
        rollout,
        source,
        publishedFrom.map(p -> new PublishedFrom(p.name(), Optional.of(function))),
        hooks);
  }

  /** True until a published version with the named LambdaFunction's content is known. */
  public boolean awaitsPublish() {
    return TO_PUBLISH.equals(version);
  }

  @Override
  public Optional<String> dependencyProblem(Optional<DesiredResource> target) {
    String name = publishedFrom.map(PublishedFrom::name).orElse("");
    if (target.isEmpty() || !(target.get() instanceof LambdaFunction f))
      return Optional.of(
          "version.publishedFrom names LambdaFunction "
              + name
              + ", which this environment does not declare");
    if (!f.functionName().equals(functionName))
      return Optional.of(
          "version.publishedFrom names LambdaFunction "
              + name
              + " of function "
              + f.functionName()
              + ", but this alias belongs to function "
              + functionName);
    return Optional.empty();
  }

  @Override
  public DesiredResource bind(DesiredResource target) {
    return target instanceof LambdaFunction f ? bound(f) : this;
  }

  @Override
  public Optional<String> dependsOn() {
    return publishedFrom.map(p -> LambdaFunction.KIND + "/" + p.name());
  }

  @Override
  public ResourceId id() {
    return new ResourceId(environment, KIND, functionName + "/" + alias);
  }

  @Override
  public boolean is(ResourceId id) {
    String name = id.name();
    return name.length() == functionName.length() + 1 + alias.length()
        && name.startsWith(functionName)
        && name.charAt(functionName.length()) == '/'
        && name.endsWith(alias)
        && id.kind().equals(KIND)
        && id.environment().equals(environment);
  }

  /** An alias call on this function that names this alias (or no alias: a function-wide call). */
  @Override
  public boolean concerns(ChangeEvent event) {
    return event.service().equals("lambda")
        && event.namesFunction(functionName)
        && event.absentOrNames("name", alias);
  }

  @Override
  public String group() {
    return "function " + functionName;
  }

  @Override
  public String target() {
    String v =
        awaitsPublish()
            ? "published from " + publishedFrom.map(PublishedFrom::name).orElse("?")
            : version;
    return v + routing.map(r -> " (+" + r.version() + " at " + r.weight() + ")").orElse("");
  }

  @Override
  public List<String> artifacts() {
    List<String> all = new ArrayList<>(List.of(version));
    routing.ifPresent(r -> all.add(r.version()));
    return List.copyOf(all);
  }

  /** One ListAliases reads every alias of the function. */
  @Override
  public String readGroup() {
    return functionName;
  }
}
