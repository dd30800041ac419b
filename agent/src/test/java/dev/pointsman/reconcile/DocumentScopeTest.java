package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import dev.pointsman.testing.TestEnvironments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A promotion of one alias in a file of many plans that one alias, not the file. */
class DocumentScopeTest {
  private static final Environment PROD =
      new Environment(
          "prod",
          "eu-west-1",
          "123456789012",
          Optional.empty(),
          DriftPolicy.REPORT,
          false,
          new Source("prod/environment.yaml", 1));

  private static LambdaAlias alias(int i, String version) {
    return new LambdaAlias(
        "prod",
        "fn-" + i,
        "Fn" + i,
        "prod",
        version,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Source("prod/functions.yaml", 10 * i + 1));
  }

  private static DesiredState state(List<DesiredResource> resources) {
    return new DesiredState(List.of(new EnvironmentManifests(PROD, resources)));
  }

  @Test
  void onlyTheEditedDocumentOfASharedFileIsPlanned() {
    DesiredState live = state(List.of(alias(0, "1"), alias(1, "1"), alias(2, "1")));
    DesiredState next = state(List.of(alias(0, "1"), alias(1, "2"), alias(2, "1")));

    Pass.Scope scope =
        DocumentScope.of(Set.of("prod/functions.yaml"), Optional.of(live), next, Set.of());

    assertThat(scope.files()).isEmpty();
    assertThat(scope.resources()).containsExactly(alias(1, "2").id());
  }

  @Test
  void documentsKeptByIdentityOrReadAgainUnchangedAreNotPlannedWhereverTheEditsAre() {
    List<DesiredResource> kept = new ArrayList<>();
    for (int i = 0; i < 10; i++) kept.add(alias(i, "1"));
    List<DesiredResource> edited = new ArrayList<>(kept);
    edited.set(2, alias(2, "2")); // edited
    edited.set(5, alias(5, "1")); // read again (lines moved, say): equal, not the same object
    edited.remove(7); // removed: nothing to plan for it here
    edited.set(7, alias(8, "3")); // edited, far from the first edit
    DesiredState live = state(kept);
    DesiredState next = state(edited);

    Pass.Scope scope =
        DocumentScope.of(Set.of("prod/functions.yaml"), Optional.of(live), next, Set.of());

    assertThat(scope.resources()).containsExactlyInAnyOrder(alias(2, "2").id(), alias(8, "3").id());
    assertThat(
            DocumentScope.of(Set.of("prod/functions.yaml"), Optional.of(live), live, Set.of())
                .resources())
        .isEmpty();
  }

  @Test
  void anAddedDocumentAndRollingResourcesAreInAnEditedEnvironmentFileCoversItAll() {
    DesiredState live = state(List.of(alias(0, "1")));
    DesiredState next = state(List.of(alias(0, "1"), alias(1, "1")));
    ResourceId rolling = new ResourceId("prod", "ApiStage", "api/prod");

    Pass.Scope added =
        DocumentScope.of(Set.of("prod/functions.yaml"), Optional.of(live), next, Set.of(rolling));
    Pass.Scope env =
        DocumentScope.of(Set.of("prod/environment.yaml"), Optional.of(live), next, Set.of());

    assertThat(added.resources()).containsExactlyInAnyOrder(alias(1, "1").id(), rolling);
    assertThat(env.files()).containsExactly("prod/environment.yaml");
  }

  @Test
  void withoutTheLiveDeclarationsTheWholeFilesAreTheScope() {
    Pass.Scope scope =
        DocumentScope.of(
            Set.of("prod/functions.yaml"),
            Optional.empty(),
            state(List.of(alias(0, "2"))),
            Set.of());
    assertThat(scope.files()).containsExactly("prod/functions.yaml");
  }

  private static LambdaAlias euAlias(String version) {
    return new LambdaAlias(
        "prod-eu",
        "fn-9",
        "Fn9",
        "prod",
        version,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Source("prod-eu/functions.yaml", 1));
  }

  @Test
  void anEnvironmentIsLookedAtOnlyForTheFilesInItsOwnFolder() {
    // prod-eu's folder shares a prefix with prod's; a change in prod-eu is prod-eu's alone, even
    // where the other environment's documents differ between the two states (they were not
    // changed by this commit's files and are not planned).
    Environment eu = TestEnvironments.named("prod-eu");
    LambdaAlias euBefore = euAlias("1");
    LambdaAlias euAfter = euAlias("2");
    DesiredState live =
        new DesiredState(
            List.of(
                new EnvironmentManifests(PROD, List.of(alias(0, "1"))),
                new EnvironmentManifests(eu, List.of(euBefore))));
    DesiredState next =
        new DesiredState(
            List.of(
                new EnvironmentManifests(PROD, List.of(alias(0, "3"))),
                new EnvironmentManifests(eu, List.of(euAfter))));

    Pass.Scope scope =
        DocumentScope.of(Set.of("prod-eu/functions.yaml"), Optional.of(live), next, Set.of());

    assertThat(scope.files()).isEmpty();
    assertThat(scope.resources()).containsExactly(euAfter.id());
  }
}
