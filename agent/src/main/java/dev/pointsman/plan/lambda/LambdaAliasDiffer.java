package dev.pointsman.plan.lambda;

import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaAliasObservation;
import dev.pointsman.model.LiveLambdaAlias;
import dev.pointsman.model.Routing;
import dev.pointsman.plan.Diff;
import dev.pointsman.plan.Differ;
import dev.pointsman.plan.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Compares the fields Pointsman owns on a Lambda alias: the version and the weighted routing. */
public final class LambdaAliasDiffer implements Differ<LambdaAlias, LambdaAliasObservation> {
  private static final String NONE = "none";

  @Override
  public Diff diff(LambdaAlias desired, LambdaAliasObservation observed) {
    List<String> problems = new ArrayList<>();
    // A version still to be published from a LambdaFunction spec exists once that kind applies.
    if (!desired.awaitsPublish()) checkVersion(desired, desired.version(), observed, problems);
    desired.routing().ifPresent(r -> checkVersion(desired, r.version(), observed, problems));
    if (!problems.isEmpty()) return Diff.impossible(problems);

    Optional<LiveLambdaAlias> live = observed.alias();
    List<FieldChange> fields = new ArrayList<>();
    String liveVersion = live.map(LiveLambdaAlias::version).orElse(NONE);
    if (desired.awaitsPublish()) {
      String from = desired.publishedFrom().map(LambdaAlias.PublishedFrom::name).orElse("?");
      fields.add(new FieldChange("version", liveVersion, "published from " + from));
    } else if (!liveVersion.equals(desired.version())) {
      fields.add(new FieldChange("version", liveVersion, desired.version()));
    }
    Optional<Routing> liveRouting = live.flatMap(LiveLambdaAlias::routing);
    if (!Objects.equals(liveRouting, desired.routing())
        && (live.isPresent() || desired.routing().isPresent())) {
      fields.add(new FieldChange("routing", show(liveRouting), show(desired.routing())));
    }
    return new Diff(live.isPresent(), fields, List.of());
  }

  private static void checkVersion(
      LambdaAlias desired, String version, LambdaAliasObservation observed, List<String> problems) {
    Optional<String> sha = observed.versionCodeSha256().getOrDefault(version, Optional.empty());
    if (sha.isEmpty()) {
      problems.add(
          "version "
              + version
              + " of function "
              + desired.functionName()
              + " does not exist; publish it first (Pointsman only moves pointers)");
      return;
    }
    if (version.equals(desired.version())
        && desired.codeSha256().isPresent()
        && !desired.codeSha256().get().equals(sha.get())) {
      problems.add(
          "version "
              + version
              + " carries code sha256 "
              + sha.get()
              + ", but spec.codeSha256 expects "
              + desired.codeSha256().get());
    }
  }

  private static String show(Optional<Routing> routing) {
    return routing.map(Routing::toString).orElse(NONE);
  }
}
