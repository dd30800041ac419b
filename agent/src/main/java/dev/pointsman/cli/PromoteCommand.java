package dev.pointsman.cli;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.manifest.DirectoryFiles;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.plan.Action;
import dev.pointsman.plan.Change;
import dev.pointsman.plan.FieldChange;
import dev.pointsman.policy.Ledger;
import dev.pointsman.policy.PolicyGate;
import dev.pointsman.promote.Promotion;
import dev.pointsman.promote.ScalarEdits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pointsman promote}: writes into the target environment's manifests the artifacts the
 * source environment declares, value by value (comments, key order and formatting kept), and prints
 * the diff. It never commits or pushes: the user opens the pull request.
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description =
        "Write the source environment's artifacts into the target's manifests (a local checkout)"
            + " and print the diff; --check tells whether the target could take them now. Exit 0"
            + " written (or all allowed), 2 nothing differs (or some held), 1 errors.")
final class PromoteCommand implements Callable<Integer> {
  @Option(
      names = "--from",
      required = true,
      paramLabel = "<env>",
      description = "Source environment.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "<env>",
      description = "Target environment.")
  String to;

  @Option(
      names = "--name",
      paramLabel = "<metadata.name>",
      description = "Only these pointers; repeatable.")
  List<String> names = List.of();

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "<dir>",
      description = "A local checkout of the manifests repository.")
  Path repo;

  @Option(
      names = "--path",
      defaultValue = ".",
      paramLabel = "<dir>",
      description =
          "Directory inside the repository holding the environment folders (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(
      names = "--check",
      description =
          "Write nothing: say for each pointer whether the target's release policy lets the artifact in now.")
  boolean check;

  @Option(
      names = "--workdir",
      paramLabel = "<dir>",
      description = "The agent's work dir, whose ledger --check reads (default: ~/.pointsman).")
  Path workdir;

  @Override
  public Integer call() throws IOException {
    Path root = repo.resolve(path).normalize();
    if (!Files.isDirectory(root)) {
      System.err.println("error: --repo: " + root + " is not a directory (a local checkout)");
      return 1;
    }
    LoadResult load = Kinds.manifestLoader().load(DirectoryFiles.read(root));
    if (!load.valid()) {
      new Printer(System.err).rejections(load.errors());
      return 1;
    }
    Promotion.Plan plan;
    try {
      plan = Promotion.plan(load.state(), from, to, new LinkedHashSet<>(names));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    plan.skipped()
        .forEach(s -> System.out.println("not promoted: " + s.pointer() + ": " + s.reason()));
    return check ? check(load, plan) : write(root, plan);
  }

  private int write(Path root, Promotion.Plan plan) throws IOException {
    Map<String, List<Promotion.Field>> byFile = new LinkedHashMap<>();
    for (Promotion.Field f : plan.fields())
      byFile.computeIfAbsent(f.target().source().file(), k -> new ArrayList<>()).add(f);
    int changed = 0;
    for (Map.Entry<String, List<Promotion.Field>> e : byFile.entrySet()) {
      Path file = root.resolve(e.getKey());
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<ScalarEdits.Found> found = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Promotion.Field f : e.getValue()) {
        Optional<ScalarEdits.Found> at =
            ScalarEdits.find(text, f.target().source().line(), f.path());
        if (at.isEmpty()) {
          System.out.println(
              "not promoted: "
                  + e.getKey()
                  + ":"
                  + f.target().source().line()
                  + ": "
                  + ScalarEdits.Step.dotted(f.path())
                  + ": expected a single value to replace ("
                  + f.value()
                  + "), found a mapping, a list or nothing; edit "
                  + f.label()
                  + " by hand");
          continue;
        }
        if (at.get().value().equals(f.value())) continue;
        found.add(at.get());
        values.add(f.value());
      }
      if (found.isEmpty()) continue;
      String edited = ScalarEdits.apply(text, found, values);
      Files.writeString(file, edited, StandardCharsets.UTF_8);
      diff(e.getKey(), text, edited);
      changed += found.size();
    }
    if (changed == 0) {
      System.out.println("Nothing to promote: " + to + " already declares what " + from + " does.");
      return 2;
    }
    System.out.println(changed + " value(s) written; review, commit and open a pull request.");
    return 0;
  }

  private static void diff(String file, String before, String after) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    System.out.println("--- a/" + file);
    System.out.println("+++ b/" + file);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i].equals(b[i])) continue;
      System.out.println("@@ -" + (i + 1) + " +" + (i + 1) + " @@");
      System.out.println("-" + a[i]);
      System.out.println("+" + b[i]);
    }
  }

  private int check(LoadResult load, Promotion.Plan plan) {
    Map<String, Environment> envs = new HashMap<>();
    for (EnvironmentManifests em : load.state().environments())
      envs.put(em.environment().name(), em.environment());
    Ledger ledger =
        Ledger.readOnly(
            workdir != null ? workdir : Path.of(System.getProperty("user.home"), ".pointsman"));
    Instant now = Clock.systemUTC().instant();
    Map<String, DesiredResource> sources = new HashMap<>();
    load.state().environments().stream()
        .filter(em -> em.environment().name().equals(from))
        .flatMap(em -> em.resources().stream())
        .forEach(r -> sources.put(r.id().kind() + "/" + r.metadataName(), r));
    int held = 0;
    for (DesiredResource target : plan.pairs()) {
      DesiredResource source = sources.get(target.id().kind() + "/" + target.metadataName());
      String label = target.id().kind() + " " + target.metadataName();
      if (source.artifacts().equals(target.artifacts())) {
        System.out.println(
            "same:  " + label + ": " + to + " already declares " + target.artifacts());
        continue;
      }
      // The change the target would plan once the artifacts are written, judged as the agent would.
      Change change =
          new Change(
              target.id(),
              Action.UPDATE,
              List.of(
                  new FieldChange(
                      "version",
                      String.join(",", target.artifacts()),
                      String.join(",", source.artifacts()))),
              source);
      PolicyGate.Verdict v =
          PolicyGate.decide(
              change, envs.get(to), envs, ledger, now, new Commit("check", "", "", now));
      if (v instanceof PolicyGate.Hold h) {
        held++;
        System.out.println("held:  " + label + ": " + h.reason());
      } else {
        System.out.println(
            "ready: " + label + ": " + to + " can take " + source.artifacts() + " now");
      }
    }
    return held > 0 ? 2 : 0;
  }
}
