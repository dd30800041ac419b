package dev.pointsman.manifest;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Hooks;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.Percent;
import dev.pointsman.model.Rollout;
import dev.pointsman.model.Routing;
import dev.pointsman.model.Source;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/** The {@code spec} of kind {@code LambdaAlias}. */
public final class LambdaAliasParser implements KindParser {
  private static final Set<String> FIELDS =
      Set.of("functionName", "alias", "version", "codeSha256", "routing", "rollout", "hooks");
  private static final Set<String> ROUTING_FIELDS = Set.of("version", "weight");
  private static final String WEIGHT = "a number of percent from 0 to 100";

  @Override
  public String kind() {
    return LambdaAlias.KIND;
  }

  @Override
  public Optional<DesiredResource> parse(
      Environment env, String metadataName, Fields spec, Source source) {
    int before = spec.errors().size();
    spec.rejectUnknown(FIELDS);
    Optional<String> function =
        spec.string("functionName", true, Patterns.FUNCTION_NAME, "a Lambda function name or ARN");
    function.ifPresent(f -> checkArn(f, env, spec));
    Optional<String> alias =
        spec.string(
            "alias",
            true,
            Patterns.ALIAS_NAME,
            "an alias name of letters, digits, - and _ (not all digits)");
    Optional<LambdaAlias.PublishedFrom> publishedFrom = Optional.empty();
    Optional<String> version;
    if (spec.isObject("version")) {
      publishedFrom = publishedFrom(spec);
      version = publishedFrom.map(p -> LambdaAlias.TO_PUBLISH);
      if (spec.has("codeSha256"))
        spec.failField(
            "codeSha256",
            "the LambdaFunction named by version.publishedFrom asserts the code hash; remove"
                + " spec.codeSha256");
    } else {
      version =
          spec.stringOrInteger(
              "version",
              true,
              Patterns.VERSION,
              "a published version number such as 7, $LATEST, or {publishedFrom: <LambdaFunction"
                  + " metadata.name>}");
    }
    Optional<String> sha =
        spec.string(
            "codeSha256",
            false,
            Patterns.SHA256_BASE64,
            "the base64 SHA-256 of the code (44 characters)");
    if (version.filter(LambdaAlias.LATEST::equals).isPresent() && env.isProtected()) {
      spec.failField(
          "version",
          "$LATEST is not allowed in protected environment "
              + env.name()
              + "; pin a published version");
    }
    Optional<Routing> routing =
        spec.object("routing", false, "a mapping {version, weight}")
            .flatMap(r -> routing(r, version));
    Optional<Rollout> rollout = RolloutParser.parse(spec);
    if (rollout.isPresent() && spec.has("routing")) {
      spec.failField("rollout", "rollout manages the weighted routing itself; remove spec.routing");
    }
    if (rollout.isPresent() && version.filter(LambdaAlias.LATEST::equals).isPresent()) {
      spec.failField("rollout", "a rollout needs a published version; spec.version is $LATEST");
    }
    Optional<Hooks> hooks = HooksParser.parse(spec, env);
    if (spec.errors().size() > before) return Optional.empty();
    return Optional.of(
        new LambdaAlias(
            env.name(),
            metadataName,
            shortName(function.get()),
            alias.get(),
            version.get(),
            sha,
            routing,
            rollout,
            source,
            publishedFrom,
            hooks));
  }

  private static Optional<LambdaAlias.PublishedFrom> publishedFrom(Fields spec) {
    Fields v = spec.object("version", true, "a mapping {publishedFrom}").orElseThrow();
    v.rejectUnknown(Set.of("publishedFrom"));
    return v.string(
            "publishedFrom",
            true,
            Patterns.METADATA_NAME,
            "the metadata.name of a LambdaFunction of this environment")
        .map(n -> new LambdaAlias.PublishedFrom(n, Optional.empty()));
  }

  private static Optional<Routing> routing(Fields routing, Optional<String> primary) {
    routing.rejectUnknown(ROUTING_FIELDS);
    Optional<String> version =
        routing.stringOrInteger(
            "version",
            true,
            Patterns.PUBLISHED_VERSION,
            "a published version number (routing cannot use $LATEST)");
    Optional<BigDecimal> weight = routing.decimal("weight", true, WEIGHT);
    weight
        .filter(w -> w.signum() < 0 || w.compareTo(Percent.MAX) > 0)
        .ifPresent(
            w -> routing.failField("weight", "expected " + WEIGHT + ", found " + Fields.number(w)));
    if (primary.filter(LambdaAlias.LATEST::equals).isPresent()) {
      routing.failField(
          "version", "weighted routing needs a published primary version; spec.version is $LATEST");
    }
    if (version.isPresent() && version.equals(primary)) {
      routing.failField(
          "version",
          "routing to the primary version " + version.get() + " itself; name another version");
    }
    if (version.isEmpty()
        || weight.isEmpty()
        || weight.get().signum() < 0
        || weight.get().compareTo(Percent.MAX) > 0) {
      return Optional.empty();
    }
    return Optional.of(new Routing(version.get(), new Percent(weight.get())));
  }

  private static String shortName(String function) {
    return function.substring(function.lastIndexOf(':') + 1);
  }

  private static void checkArn(String function, Environment env, Fields spec) {
    if (!function.startsWith("arn:")) return;
    Arns.outside(function, env, "function ARN").ifPresent(m -> spec.failField("functionName", m));
  }
}
