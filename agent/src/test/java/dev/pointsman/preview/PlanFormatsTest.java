package dev.pointsman.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.pointsman.manifest.ManifestError;
import dev.pointsman.model.Commit;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.PlanError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three forms of a plan: the JSON one against its published schema, Markdown and text. */
class PlanFormatsTest {
  private static final Commit COMMIT =
      new Commit("0123456789abcdef", "Alice", "Promote <!channel> token=abc123", Instant.EPOCH);
  private static final Commit BASE =
      new Commit("fedcba9876543210", "Bob", "Earlier", Instant.EPOCH);

  private static final LambdaAlias ALIAS =
      new LambdaAlias(
          "prod",
          "orders",
          "ProcessOrder",
          "live",
          "7",
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          new Source("prod/orders.yaml", 4));

  private static PlanReport report() {
    Change change =
        new Change(ALIAS.id(), Action.UPDATE, List.of(new FieldChange("version", "5", "7")), ALIAS);
    PlanError error =
        new PlanError(
            new ResourceId("prod", "ApiStage", "api/prod"),
            new Source("prod/api.yaml", 3),
            "deployment x9 of REST API a1 does not exist; create it first");
    return new PlanReport(
        new PassResult(COMMIT, List.of(), new Plan(List.of(change), List.of(error)), List.of()),
        Optional.of(BASE),
        List.of(new ResourceId("prod", "LambdaAlias", "ProcessOrder/canary")),
        List.of(new PlanReport.Drift(ALIAS.id(), "version", "5", "4")),
        false);
  }

  @Test
  void theJsonFormMatchesItsPublishedSchema() throws Exception {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(
                Files.readString(Path.of("../docs/schema/plan-v1.schema.json")), InputFormat.JSON);
    String json = PlanFormats.render(report(), PlanFormats.Format.JSON);
    assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();
    assertThat(json).contains("\"exitCode\" : 1", "\"action\" : \"released\"", "\"git\" : \"4\"");
    assertThat(json).doesNotContain("abc123");
  }

  @Test
  void aRejectedCommitAlsoMatchesTheSchema() throws Exception {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(
                Files.readString(Path.of("../docs/schema/plan-v1.schema.json")), InputFormat.JSON);
    PlanReport rejected =
        new PlanReport(
            new PassResult(
                COMMIT,
                List.of(new ManifestError("prod/a.yaml", 8, "spec.version", "expected a version")),
                Plan.empty(),
                List.of()),
            Optional.empty(),
            List.of(),
            List.of(),
            false);
    String json = PlanFormats.render(rejected, PlanFormats.Format.JSON);
    assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();
    assertThat(json).contains("\"status\" : \"rejected\"", "\"line\" : 8");
  }

  @Test
  void markdownHasASummaryATablePerEnvironmentAndCallsOutDrift() {
    String md = PlanFormats.render(report(), PlanFormats.Format.MARKDOWN);
    assertThat(md)
        .contains("**Blocked**")
        .contains("#### prod")
        .contains("| ~ | LambdaAlias | `ProcessOrder/live` | version 5 → 7 |")
        .contains("no longer managed: left as it is live")
        .contains(
            "prod LambdaAlias ProcessOrder/live version is 5 live, 4 in Git: this merge overwrites a change made outside Git")
        .contains("`prod/api.yaml:3`");
  }

  @Test
  void textKeepsTheCliFormAndListsWhatIsNoLongerManaged() {
    String text = PlanFormats.render(report(), PlanFormats.Format.TEXT);
    assertThat(text)
        .contains("~ prod  LambdaAlias ProcessOrder/live  version 5 → 7")
        .contains("- prod  LambdaAlias ProcessOrder/canary  no longer managed: left as it is live")
        .contains("! drift: prod LambdaAlias ProcessOrder/live version is 5 live, 4 in Git")
        .doesNotContain("abc123");
  }

  @Test
  void valuesFromGitAreTextInMarkdownTables() {
    assertThat(PlanFormats.cell("a|b<img src=x>")).isEqualTo("a\\|b&lt;img src=x&gt;");
  }
}
