package dev.pointsman.plan.lambda;

import dev.pointsman.model.LambdaFunction;
import dev.pointsman.model.LambdaFunctionObservation;
import dev.pointsman.model.LambdaFunctionObservation.Content;
import dev.pointsman.plan.Diff;
import dev.pointsman.plan.Differ;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.plan.MapDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the owned content of $LATEST with the spec (code hash, environment variables, KMS key)
 * and asks for a published version with that content. Converged when one exists: $LATEST may have
 * moved on since (a later spec), aliases name versions, and a revert finds its version again.
 */
public final class LambdaFunctionDiffer
    implements Differ<LambdaFunction, LambdaFunctionObservation> {
  private static final String NONE = "none";

  @Override
  public Diff diff(LambdaFunction desired, LambdaFunctionObservation observed) {
    if (observed.publishedMatch(desired).isPresent()) return new Diff(true, List.of(), List.of());
    List<FieldChange> fields = new ArrayList<>(latestChanges(desired, observed.latest()));
    fields.add(new FieldChange("publishedVersion", NONE, "one with this content"));
    return new Diff(true, fields, List.of());
  }

  /** What $LATEST must change (the code, variables, KMS key) before a version is published. */
  public static List<FieldChange> latestChanges(LambdaFunction desired, Content latest) {
    List<FieldChange> fields = new ArrayList<>();
    if (!desired.code().sha256().equals(latest.codeSha256())) {
      fields.add(new FieldChange("code", shortSha(latest.codeSha256()), desired.code().describe()));
    }
    for (MapDiff.Entry e : MapDiff.of(desired.variables(), latest.variables())) {
      fields.add(
          new FieldChange("environment." + e.key(), e.have().orElse(NONE), e.want().orElse(NONE)));
    }
    if (!desired.kmsKeyArn().equals(latest.kmsKeyArn())) {
      fields.add(
          new FieldChange(
              "kmsKeyArn", latest.kmsKeyArn().orElse(NONE), desired.kmsKeyArn().orElse(NONE)));
    }
    return fields;
  }

  static String shortSha(String sha) {
    return sha == null || sha.length() < 8 ? String.valueOf(sha) : sha.substring(0, 8) + "…";
  }
}
