package dev.pointsman.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.FileChange;
import dev.pointsman.model.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An environment's aliases in one file: a promotion that edits one document parses and validates
 * that document, and the result is exactly what loading the new file from scratch gives.
 */
class SharedFileReloadTest {
  private static final int DOCS = 200;
  private final ManifestLoader loader = Kinds.manifestLoader();

  private static ManifestFile environment() {
    return new ManifestFile(
        "prod/environment.yaml",
        """
        apiVersion: pointsman.dev/v1
        kind: Environment
        metadata:
          name: prod
        spec:
          region: us-east-1
          accountId: "000000000000"
        """
            .getBytes(StandardCharsets.UTF_8));
  }

  /** DOCS aliases; {@code special} (if in range) replaced by {@code text}. */
  private static ManifestFile aliases(int special, String text) {
    StringBuilder s = new StringBuilder("# every prod alias\n");
    for (int i = 0; i < DOCS; i++) {
      s.append(
          i == special
              ? text
              : "---\napiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata:\n  name: fn-%d\nspec:\n  functionName: fn-%d\n  alias: prod\n  version: \"1\"\n"
                  .formatted(i, i));
    }
    return new ManifestFile("prod/functions.yaml", s.toString().getBytes(StandardCharsets.UTF_8));
  }

  private LoadResult fresh(ManifestFile file) {
    return Kinds.manifestLoader().load(List.of(environment(), file));
  }

  private Optional<LoadResult> edit(LoadResult base, ManifestFile file) {
    return loader.update(base, List.of(new FileChange(file.path(), true, Optional.of(file))));
  }

  private static String alias(int i, String version, String extra) {
    return "---\napiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata:\n  name: fn-%d\nspec:\n  functionName: fn-%d\n  alias: prod\n  version: %s\n%s"
        .formatted(i, i, version, extra);
  }

  @Test
  void anEditedDocumentGivesWhatAFreshLoadGives() {
    LoadResult base = loader.load(List.of(environment(), aliases(-1, "")));
    assertThat(base.errors()).isEmpty();

    ManifestFile promoted = aliases(120, alias(120, "\"2\"", ""));
    LoadResult once = edit(base, promoted).orElseThrow();
    assertThat(once.state()).isEqualTo(fresh(promoted).state());

    // A document that grows by a line moves every later one: they are read again, still exact.
    ManifestFile longer = aliases(7, alias(7, "\"3\"", "# one line more\n"));
    LoadResult twice = edit(once, longer).orElseThrow();
    assertThat(twice.state()).isEqualTo(fresh(longer).state());
    assertThat(twice.state().environments().get(0).resources()).hasSize(DOCS);
  }

  @Test
  void onlyTheEditedDocumentIsParsedAgain() {
    ParsedFiles parsed = new ParsedFiles(new YamlReader());
    parsed.begin();
    List<YamlDocument> before = parsed.read(aliases(-1, ""), new ArrayList<>());
    parsed.end();
    parsed.begin();
    List<YamlDocument> after =
        parsed.read(aliases(120, alias(120, "\"2\"", "")), new ArrayList<>());
    parsed.end();

    assertThat(after).hasSize(DOCS);
    for (int i = 0; i < DOCS; i++) {
      if (i == 120) assertThat(after.get(i)).isNotSameAs(before.get(i)).isNotEqualTo(before.get(i));
      else assertThat(after.get(i)).as("document %d kept", i).isSameAs(before.get(i));
    }
    assertThat(after.get(120).startLine()).isEqualTo(before.get(120).startLine());
  }

  @Test
  void anErrorInAnEditedDocumentIsReportedAsAFreshLoadReportsIt() {
    loader.load(List.of(environment(), aliases(-1, "")));
    ManifestFile broken = aliases(150, alias(150, "[unclosed", ""));
    ManifestFile invalid = aliases(40, alias(40, "\"two\"", ""));

    LoadResult syntax = loader.load(List.of(environment(), broken));
    assertThat(syntax.errors()).isNotEmpty().isEqualTo(fresh(broken).errors());
    LoadResult again = loader.load(List.of(environment(), aliases(-1, "")));
    assertThat(again.errors()).isEmpty();
    LoadResult field = loader.load(List.of(environment(), invalid));
    assertThat(field.errors()).isNotEmpty().isEqualTo(fresh(invalid).errors());
    assertThat(field.errors().get(0).line()).isEqualTo(fresh(invalid).errors().get(0).line());
  }

  @Test
  void unchangedDocumentsKeepTheirResourcesAndAnEditedOneIsNew() {
    LoadResult base = loader.load(List.of(environment(), aliases(-1, "")));
    LoadResult promoted = edit(base, aliases(120, alias(120, "\"2\"", ""))).orElseThrow();

    List<DesiredResource> before = base.state().environments().get(0).resources();
    List<DesiredResource> after = promoted.state().environments().get(0).resources();
    assertThat(after).hasSize(DOCS);
    for (int i = 0; i < DOCS; i++) {
      if (i == 120) assertThat(after.get(i)).isNotSameAs(before.get(i));
      else assertThat(after.get(i)).as("resource %d kept", i).isSameAs(before.get(i));
    }
  }

  @Test
  void withinTheFileANameIsHeldOnceWhateverTheEditsDo() {
    LoadResult base = loader.load(List.of(environment(), aliases(-1, "")));
    // Document 5 takes the name document 6 still holds: the duplicate is found as a fresh load
    // finds it, and nothing is patched in.
    ManifestFile clash = aliases(5, alias(6, "\"1\"", ""));
    assertThat(edit(base, clash)).isEmpty();
    LoadResult full = loader.load(List.of(environment(), clash));
    assertThat(full.errors())
        .isEqualTo(fresh(clash).errors())
        .anySatisfy(e -> assertThat(e.message()).contains("LambdaAlias fn-6 is already declared"));

    // Back to valid, then document 5 is removed and a new document takes its name, in one edit.
    LoadResult valid = loader.load(List.of(environment(), aliases(-1, "")));
    StringBuilder moved = new StringBuilder();
    for (int i = 0; i < DOCS; i++) if (i != 5) moved.append(alias(i, "\"1\"", ""));
    moved.append(alias(5, "\"4\"", ""));
    ManifestFile renamed =
        new ManifestFile("prod/functions.yaml", moved.toString().getBytes(StandardCharsets.UTF_8));
    LoadResult patched = edit(valid, renamed).orElseThrow();
    assertThat(patched.state()).isEqualTo(fresh(renamed).state());
  }

  @Test
  void aDocumentMovedToAnotherFileInOneCommitIsDeclaredOnce() {
    ManifestFile other =
        new ManifestFile(
            "prod/other.yaml", alias(DOCS, "\"1\"", "").getBytes(StandardCharsets.UTF_8));
    LoadResult base = loader.load(List.of(environment(), aliases(-1, ""), other));
    assertThat(base.errors()).isEmpty();
    // fn-3 leaves functions.yaml for other.yaml in the same commit.
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < DOCS; i++) if (i != 3) rest.append(alias(i, "\"1\"", ""));
    ManifestFile without =
        new ManifestFile("prod/functions.yaml", rest.toString().getBytes(StandardCharsets.UTF_8));
    ManifestFile with =
        new ManifestFile(
            "prod/other.yaml",
            (alias(DOCS, "\"1\"", "") + alias(3, "\"2\"", "")).getBytes(StandardCharsets.UTF_8));
    LoadResult patched =
        loader
            .update(
                base,
                List.of(
                    new FileChange(with.path(), true, Optional.of(with)),
                    new FileChange(without.path(), true, Optional.of(without))))
            .orElseThrow();
    assertThat(patched.state())
        .isEqualTo(Kinds.manifestLoader().load(List.of(environment(), without, with)).state());
    assertThat(patched.state().environments().get(0).resources()).hasSize(DOCS + 1);
  }

  @Test
  void aRehearsalPromotesInTheLargestFileOnAThrowawayLoaderAndLeavesThisOneAsItWas() {
    ManifestFile shared = aliases(-1, "");
    ManifestFile small =
        new ManifestFile(
            "prod/one.yaml", alias(DOCS, "\"1\"", "").getBytes(StandardCharsets.UTF_8));
    LoadResult base = loader.load(List.of(environment(), shared, small));
    assertThat(base.valid()).isTrue();

    // Both edits were patched in: the file parsed again each time, the result valid.
    ManifestLoader.Rehearsal rehearsal =
        loader.rehearse(List.of(small, environment(), shared), 2, () -> true);
    assertThat(rehearsal.bytes()).isEqualTo(shared.content().length);
    assertThat(rehearsal.edits()).isEqualTo(2);
    assertThat(rehearsal.file()).isEqualTo(shared.path());
    // The declarations before and after each edit: the same resources each time.
    assertThat(rehearsal.states()).hasSize(3);
    assertThat(rehearsal.states().get(2).environments().get(0).resources())
        .hasSameSizeAs(base.state().environments().get(0).resources())
        .isNotSameAs(rehearsal.states().get(0).environments().get(0).resources());

    // This loader's last load is still the base an update patches (a rehearsal touched nothing).
    ManifestFile promoted = aliases(7, alias(7, "\"2\"", ""));
    LoadResult patched = edit(base, promoted).orElseThrow();
    assertThat(patched.state())
        .isEqualTo(Kinds.manifestLoader().load(List.of(environment(), promoted, small)).state());
  }

  @Test
  void aRehearsalGoesOnWhileIdleUpToItsEditsEachPatchingInOneDocument() {
    ManifestFile shared = aliases(-1, "");
    List<ManifestFile> files = List.of(environment(), shared);
    int[] asked = {0};
    ManifestLoader.Rehearsal all =
        loader.rehearse(
            files,
            ManifestLoader.REHEARSED_EDITS,
            () -> {
              asked[0]++;
              return true;
            });
    assertThat(all.edits()).isEqualTo(ManifestLoader.REHEARSED_EDITS);
    assertThat(all.states()).hasSize(ManifestLoader.REHEARSED_EDITS + 1);
    assertThat(asked[0]).isEqualTo(ManifestLoader.REHEARSED_EDITS - 2); // before each past two
    // Each edit is one document's: its state holds the very resources of the one before, but one.
    List<DesiredResource> first = all.states().get(1).environments().get(0).resources();
    List<DesiredResource> second = all.states().get(2).environments().get(0).resources();
    int same = 0;
    for (int i = 0; i < first.size(); i++) if (first.get(i) == second.get(i)) same++;
    assertThat(same).isEqualTo(DOCS - 1);

    // Not idle any more: it stops after the first two.
    assertThat(loader.rehearse(files, ManifestLoader.REHEARSED_EDITS, () -> false).edits())
        .isEqualTo(2);
  }

  @Test
  void theRehearsalsEditAddsACommentToADocumentAndDeclaresTheSameResources() {
    ManifestFile shared = aliases(-1, "");
    byte[] commented = DocumentChunks.commented(shared.content(), "pointsman: rehearsal 1");
    String text = new String(commented, StandardCharsets.UTF_8);
    // On the middle document's line ---: the same lines, so a promotion's edit (one document).
    assertThat(text).contains("\n--- # pointsman: rehearsal 1\napiVersion: pointsman.dev/v1\n");
    assertThat(text.lines().count())
        .isEqualTo(new String(shared.content(), StandardCharsets.UTF_8).lines().count());
    // The same resources, on the same lines.
    LoadResult edited = fresh(new ManifestFile(shared.path(), commented));
    assertThat(edited.valid()).isTrue();
    assertThat(edited.state()).isEqualTo(fresh(shared).state());
    // A line --- with more on it: the comment goes on a line of its own, later documents move down.
    byte[] tagged =
        DocumentChunks.commented(
            "a: 1\n--- !x\nb: 2\n".getBytes(StandardCharsets.UTF_8), "pointsman: rehearsal 3");
    assertThat(new String(tagged, StandardCharsets.UTF_8))
        .isEqualTo("a: 1\n# pointsman: rehearsal 3\n--- !x\nb: 2\n");
    // One document without a final line break: the comment goes on a line of its own.
    byte[] alone =
        DocumentChunks.commented("a: 1".getBytes(StandardCharsets.UTF_8), "pointsman: rehearsal 2");
    assertThat(new String(alone, StandardCharsets.UTF_8))
        .isEqualTo("a: 1\n# pointsman: rehearsal 2\n");
  }

  @Test
  void aRehearsalLoadsEveryEnvironmentSoThatAPromotionOrderResolves() {
    ManifestFile prod =
        new ManifestFile(
            "prod/environment.yaml",
            (new String(environment().content(), StandardCharsets.UTF_8)
                    + "  promotion: {from: staging}\n")
                .getBytes(StandardCharsets.UTF_8));
    ManifestFile staging =
        new ManifestFile(
            "staging/environment.yaml",
            new String(environment().content(), StandardCharsets.UTF_8)
                .replace("name: prod", "name: staging")
                .getBytes(StandardCharsets.UTF_8));
    ManifestFile shared = aliases(-1, "");
    assertThat(loader.load(List.of(prod, staging, shared)).valid()).isTrue();
    assertThat(loader.rehearse(List.of(prod, staging, shared), 2, () -> true).edits()).isEqualTo(2);
    // Without the environment prod promotes from, the folder does not load: nothing to rehearse.
    assertThat(loader.rehearse(List.of(prod, shared), 2, () -> true))
        .isEqualTo(ManifestLoader.Rehearsal.NONE);
  }

  @Test
  void thereIsNothingToRehearseWithoutAnEnvironmentFileOrAValidFolder() {
    assertThat(loader.rehearse(List.of(aliases(-1, "")), 2, () -> true))
        .isEqualTo(ManifestLoader.Rehearsal.NONE);
    assertThat(loader.rehearse(List.of(environment()), 2, () -> true))
        .isEqualTo(ManifestLoader.Rehearsal.NONE);
    ManifestFile broken =
        new ManifestFile("prod/broken.yaml", "kind: [".getBytes(StandardCharsets.UTF_8));
    assertThat(loader.rehearse(List.of(environment(), broken), 2, () -> true))
        .isEqualTo(ManifestLoader.Rehearsal.NONE);
  }

  /**
   * Edits of every shape, one after the other, each patched onto the last: the result is always
   * what a fresh load of the same file gives (or, when the edit breaks the file, no patch and the
   * fresh load's errors), and documents away from the edit keep their resources.
   */
  @Test
  void everyShapeOfEditGivesWhatAFreshLoadGives() {
    Random random = new Random(20261201);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) docs.add(alias(i, "\"1\"", ""));
    LoadResult base = loader.load(List.of(environment(), file(docs)));
    int next = DOCS;
    int patchedKeepingTheLast = 0;
    for (int step = 0; step < 120; step++) {
      List<String> was = new ArrayList<>(docs);
      int i = random.nextInt(docs.size());
      switch (step % 8) {
        case 0 -> docs.set(i, version(docs.get(i), "\"" + (step + 2) + "\""));
        case 1 -> docs.set(i, version(docs.get(i), String.valueOf(step * 1000)));
        case 2 -> docs.add(i, alias(next++, "\"1\"", ""));
        case 3 -> docs.remove(i);
        case 4 -> docs.set(i, alias(number(docs.get(i)), "\"7\"", "# note\n"));
        case 5 -> {
          docs.set(0, alias(number(docs.get(0)), "\"" + step + "\"", ""));
          int last = docs.size() - 1;
          docs.set(last, alias(number(docs.get(last)), "\"" + step + "\"", ""));
        }
        case 6 -> docs.add(alias(next++, "\"1\"", ""));
        default -> docs.set(i, docs.get(i).replace("version", "versoin"));
      }
      ManifestFile edited = file(docs);
      LoadResult expected = fresh(edited);
      Optional<LoadResult> patched = edit(base, edited);
      if (!expected.valid()) {
        assertThat(patched).as("step %d: an invalid edit is not patched", step).isEmpty();
        assertThat(loader.load(List.of(environment(), edited)).errors())
            .isEqualTo(expected.errors());
        docs = was;
        base = loader.load(List.of(environment(), file(docs)));
        assertThat(base.valid()).isTrue();
        continue;
      }
      assertThat(patched).as("step %d", step).isPresent();
      assertThat(patched.get().state()).as("step %d", step).isEqualTo(expected.state());
      List<DesiredResource> before = base.state().environments().get(0).resources();
      List<DesiredResource> after = patched.get().state().environments().get(0).resources();
      if (step % 8 < 2 && i < docs.size() - 1) {
        assertThat(after.get(after.size() - 1)).isSameAs(before.get(before.size() - 1));
        patchedKeepingTheLast++;
      }
      base = patched.get();
    }
    assertThat(patchedKeepingTheLast).isGreaterThan(20);
  }

  /** The document with another version, on the same lines. */
  private static String version(String doc, String version) {
    return doc.replaceFirst("version: [^\n]*\n", "version: " + version + "\n");
  }

  private static int number(String doc) {
    int at = doc.indexOf("name: fn-") + "name: fn-".length();
    return Integer.parseInt(doc.substring(at, doc.indexOf('\n', at)));
  }

  private static ManifestFile file(List<String> docs) {
    return new ManifestFile(
        "prod/functions.yaml", ("# every prod alias\n" + String.join("", docs)).getBytes(UTF_8));
  }
}
