package dev.pointsman.cli;

import dev.pointsman.apply.ApplyResult;
import dev.pointsman.manifest.ManifestError;
import dev.pointsman.model.Commit;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.Plan;
import dev.pointsman.plan.PlanError;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Human-readable output of the CLI commands. */
final class Printer {
  private final PrintStream out;

  Printer(PrintStream out) {
    this.out = out;
  }

  void commit(Commit c) {
    out.println("Commit " + c.shortSha() + "  " + c.subject() + "  (" + c.author() + ")");
  }

  void rejections(List<ManifestError> errors) {
    out.println("Validation failed: " + errors.size() + " error(s); nothing is applied.");
    errors.forEach(e -> out.println("  " + e));
  }

  void plan(Plan plan) {
    for (Change c : plan.changes()) {
      if (c.action() != Action.NONE) out.println(c.describe());
    }
    for (PlanError e : plan.errors()) {
      out.println("! " + e);
    }
    long creates = plan.changes().stream().filter(c -> c.action() == Action.CREATE).count();
    long updates = plan.changes().stream().filter(c -> c.action() == Action.UPDATE).count();
    long same = plan.changes().stream().filter(c -> c.action() == Action.NONE).count();
    out.println(
        "Plan: "
            + creates
            + " to create, "
            + updates
            + " to update, "
            + same
            + " in sync"
            + (plan.errors().isEmpty()
                ? "."
                : ", " + plan.errors().size() + " error(s); nothing will be applied."));
  }

  void applied(List<ApplyResult> results) {
    for (ApplyResult r : results) {
      String status = r.failed() ? "FAILED" : r.outcome().name().toLowerCase(Locale.ROOT);
      out.println(
          status + "  " + r.change().summary() + (r.detail().isEmpty() ? "" : " — " + r.detail()));
    }
  }

  void pass(PassResult result) {
    commit(result.commit());
    if (!result.rejections().isEmpty()) {
      rejections(result.rejections());
      return;
    }
    plan(result.plan());
    if (!result.applied().isEmpty()) applied(result.applied());
  }
}
