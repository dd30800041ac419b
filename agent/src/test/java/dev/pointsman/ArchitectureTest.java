package dev.pointsman;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The pure core stays pure: no AWS SDK, JGit, Jackson or logging in the model and plan packages.
 */
@AnalyzeClasses(packages = "dev.pointsman", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreHasNoIo =
      noClasses()
          .that()
          .resideInAnyPackage("dev.pointsman.model..", "dev.pointsman.plan..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "software.amazon..",
              "org.eclipse.jgit..",
              "com.fasterxml.jackson..",
              "org.slf4j..",
              "java.net..",
              "java.nio.file..");

  @ArchTest
  static final ArchRule coreDoesNotReachOutward =
      noClasses()
          .that()
          .resideInAnyPackage("dev.pointsman.model..", "dev.pointsman.plan..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.pointsman.live..",
              "dev.pointsman.apply..",
              "dev.pointsman.aws..",
              "dev.pointsman.git..",
              "dev.pointsman.cli..",
              "dev.pointsman.reconcile..",
              "dev.pointsman.manifest..");

  @ArchTest
  static final ArchRule onlyTheCliWiresServices =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.pointsman.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.pointsman.cli..");
}
