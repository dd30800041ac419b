package dev.pointsman.promote;

import dev.pointsman.model.ApiStage;
import dev.pointsman.model.AppConfigDeployment;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EcsService;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What promoting {@code from} to {@code to} means for each pointer: the artifacts the source
 * declares (a version and a canary's, a deployment id, image references, a configuration version, a
 * function's package) written into the paired pointer of the target (same kind and metadata.name),
 * nothing else.
 */
public final class Promotion {
  /** One field of a target document to set, and where the value comes from. */
  public record Field(
      DesiredResource target, String label, List<ScalarEdits.Step> path, String value) {}

  /** A pointer of the source that is not promoted, and why. */
  public record Skipped(String pointer, String reason) {}

  public record Plan(List<Field> fields, List<Skipped> skipped, List<DesiredResource> pairs) {}

  private Promotion() {}

  public static Plan plan(DesiredState state, String from, String to, Set<String> names) {
    EnvironmentManifests source = environment(state, from);
    EnvironmentManifests target = environment(state, to);
    Map<String, DesiredResource> targets = new LinkedHashMap<>();
    target.resources().forEach(r -> targets.put(r.id().kind() + "/" + r.metadataName(), r));
    List<Field> fields = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<DesiredResource> pairs = new ArrayList<>();
    for (DesiredResource s : source.resources()) {
      if (!names.isEmpty() && !names.contains(s.metadataName())) continue;
      String label = s.id().kind() + " " + s.metadataName();
      DesiredResource t = targets.get(s.id().kind() + "/" + s.metadataName());
      if (t == null) {
        skipped.add(new Skipped(label, to + " declares no " + label));
        continue;
      }
      int before = fields.size();
      Optional<String> why = fields(s, t, label, fields);
      if (why.isPresent()) {
        while (fields.size() > before) fields.remove(fields.size() - 1);
        skipped.add(new Skipped(label, why.get()));
      } else {
        pairs.add(t);
      }
    }
    return new Plan(fields, skipped, pairs);
  }

  private static EnvironmentManifests environment(DesiredState state, String name) {
    return state.environments().stream()
        .filter(e -> e.environment().name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no environment " + name + " in the manifests"));
  }

  /** Adds the fields to set; a reason when the pair cannot be promoted by value edits alone. */
  private static Optional<String> fields(
      DesiredResource s, DesiredResource t, String label, List<Field> out) {
    if (s instanceof LambdaAlias a && t instanceof LambdaAlias b) {
      if (a.publishedFrom().isPresent() || b.publishedFrom().isPresent())
        return Optional.of("version: {publishedFrom: ...} names a LambdaFunction, not an artifact");
      out.add(new Field(t, label, path("spec", "version"), a.version()));
      if (a.routing().isPresent() != b.routing().isPresent())
        return Optional.of("one declares routing and the other not: edit by hand");
      a.routing()
          .ifPresent(
              r -> out.add(new Field(t, label, path("spec", "routing", "version"), r.version())));
      return Optional.empty();
    }
    if (s instanceof ApiStage a && t instanceof ApiStage b) {
      out.add(new Field(t, label, path("spec", "deploymentId"), a.deploymentId()));
      if (a.canary().isPresent() != b.canary().isPresent())
        return Optional.of("one declares a canary and the other not: edit by hand");
      a.canary()
          .ifPresent(
              c ->
                  out.add(
                      new Field(
                          t, label, path("spec", "canary", "deploymentId"), c.deploymentId())));
      return Optional.empty();
    }
    if (s instanceof EcsService a && t instanceof EcsService b) {
      for (EcsService.Container c : a.containers()) {
        if (b.containers().stream().noneMatch(x -> x.name().equals(c.name())))
          return Optional.of("container " + c.name() + " is not declared in the target");
        List<ScalarEdits.Step> p = new ArrayList<>(path("spec", "containers"));
        p.add(ScalarEdits.Step.item(c.name()));
        p.add(ScalarEdits.Step.key("image"));
        out.add(new Field(t, label, p, c.image()));
      }
      return Optional.empty();
    }
    if (s instanceof AppConfigDeployment a && t instanceof AppConfigDeployment) {
      out.add(new Field(t, label, path("spec", "version"), String.valueOf(a.version())));
      return Optional.empty();
    }
    if (s instanceof LambdaFunction a && t instanceof LambdaFunction b) {
      // The same package (build once, deploy many); the bucket may differ per account.
      out.add(new Field(t, label, path("spec", "code", "s3Key"), a.code().s3Key()));
      out.add(new Field(t, label, path("spec", "code", "sha256"), a.code().sha256()));
      if (a.code().s3ObjectVersion().isPresent() != b.code().s3ObjectVersion().isPresent())
        return Optional.of("one names an S3 object version and the other not: edit by hand");
      a.code()
          .s3ObjectVersion()
          .ifPresent(v -> out.add(new Field(t, label, path("spec", "code", "s3ObjectVersion"), v)));
      return Optional.empty();
    }
    return Optional.of("not a pointer to an artifact (" + s.id().kind() + ")");
  }

  private static List<ScalarEdits.Step> path(String... keys) {
    List<ScalarEdits.Step> steps = new ArrayList<>();
    for (String k : keys) steps.add(ScalarEdits.Step.key(k));
    return steps;
  }
}
