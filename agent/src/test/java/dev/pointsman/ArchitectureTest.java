package dev.pointsman;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph has no cycles and follows the layer order written in docs/architecture.md; the
 * pure core stays pure. Checked on bytecode, so a fully qualified name inline counts as a use.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.pointsman";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  /** The lines of the documented layer list, bottom first, each a list of package patterns. */
  static List<List<String>> documentedLayers() throws IOException {
    String doc = Files.readString(Path.of("../docs/architecture.md"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile(
                "<!-- layers:begin -->\\s*```\\n(.*?)```\\s*<!-- layers:end -->", Pattern.DOTALL)
            .matcher(doc);
    assertThat(m.find()).as("docs/architecture.md has a layers block").isTrue();
    List<List<String>> layers = new ArrayList<>();
    for (String line : m.group(1).split("\n")) {
      if (line.isBlank()) continue;
      layers.add(Arrays.stream(line.split(",")).map(p -> ROOT + "." + p.trim()).toList());
    }
    return layers;
  }

  private static boolean matches(List<String> patterns, String pkg) {
    return patterns.stream().anyMatch(p -> PackageMatcher.of(p).matches(pkg));
  }

  @Test
  void everyPackageIsOnADocumentedLayer() throws IOException {
    List<List<String>> layers = documentedLayers();
    Set<String> unplaced = new TreeSet<>();
    for (JavaClass c : classes) {
      if (layers.stream().noneMatch(l -> matches(l, c.getPackageName())))
        unplaced.add(c.getPackageName());
    }
    assertThat(unplaced)
        .as("packages missing from the layer list in docs/architecture.md")
        .isEmpty();
  }

  @Test
  void noPackageUsesALayerAboveIt() throws IOException {
    List<List<String>> layers = documentedLayers();
    for (int i = 0; i < layers.size() - 1; i++) {
      List<String> above = new ArrayList<>();
      layers.subList(i + 1, layers.size()).forEach(above::addAll);
      noClasses()
          .that()
          .resideInAnyPackage(layers.get(i).toArray(String[]::new))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above.toArray(String[]::new))
          .allowEmptyShould(true)
          .because("docs/architecture.md puts " + layers.get(i) + " below " + above)
          .check(classes);
    }
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void readersAndAppliersDoNotUseEachOther() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".live..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".apply..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".apply..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".live..")
        .check(classes);
  }

  @Test
  void coreHasNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".model..", ROOT + ".plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "software.amazon..",
            "org.eclipse.jgit..",
            "com.fasterxml.jackson..",
            "org.slf4j..",
            "java.net..",
            "java.nio.file..")
        .check(classes);
  }

  /** Writes the package graph to target/package-graph.txt (and checks it is not empty). */
  @Test
  void writesThePackageGraph() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (JavaClass c : classes) {
      String from = c.getPackageName().substring(ROOT.length() + 1);
      Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (target.startsWith(ROOT + ".") && !target.equals(c.getPackageName()))
          to.add(target.substring(ROOT.length() + 1));
      }
    }
    StringBuilder out = new StringBuilder();
    graph.forEach(
        (p, uses) -> out.append(p).append(" -> ").append(String.join(" ", uses)).append('\n'));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/package-graph.txt"), out);
    assertThat(graph).containsKeys("model", "plan", "reconcile", "cli");
    assertThat(graph.get("model")).isEmpty();
  }
}
