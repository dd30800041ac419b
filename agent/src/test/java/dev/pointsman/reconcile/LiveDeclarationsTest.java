package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.Source;
import dev.pointsman.testing.TestEnvironments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pointers a settled commit stops declaring, found without walking every id of the fleet. */
class LiveDeclarationsTest {
  private static LambdaAlias alias(String env, String fn, String version) {
    return new LambdaAlias(
        env,
        fn,
        fn,
        env,
        version,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Source(env + "/functions.yaml", 1));
  }

  private static DesiredState state(Map<String, List<DesiredResource>> byEnv) {
    List<EnvironmentManifests> envs = new ArrayList<>();
    byEnv.forEach(
        (name, rs) -> envs.add(new EnvironmentManifests(TestEnvironments.named(name), rs)));
    return new DesiredState(envs);
  }

  @Test
  void anEditedDocumentInPlaceIsNotGoneButOneReplacedByAnotherPointerIs() {
    DesiredResource a = alias("prod", "a", "1");
    DesiredResource b = alias("prod", "b", "1");
    DesiredResource c = alias("prod", "c", "1");
    DesiredState before = state(Map.of("prod", List.of(a, b, c)));
    // b promoted (a new object, same id); c replaced by d in the same place.
    DesiredState after =
        state(Map.of("prod", List.of(a, alias("prod", "b", "2"), alias("prod", "d", "1"))));

    assertThat(LiveDeclarations.gone(before, after, e -> true)).containsExactly(c.id());
  }

  @Test
  void documentsMovedWithinTheEnvironmentAreNotGone() {
    DesiredResource a = alias("prod", "a", "1");
    DesiredResource b = alias("prod", "b", "1");
    DesiredResource c = alias("prod", "c", "1");
    DesiredState before = state(Map.of("prod", List.of(a, b, c)));
    DesiredState after = state(Map.of("prod", List.of(c, b, a)));

    assertThat(LiveDeclarations.gone(before, after, e -> true)).isEmpty();
  }

  @Test
  void aRemovedDocumentOrEnvironmentIsGoneOnlyWhereThisAgentActs() {
    DesiredResource a = alias("prod", "a", "1");
    DesiredResource b = alias("prod", "b", "1");
    DesiredResource s = alias("staging", "a", "1");
    DesiredResource d = alias("dev", "a", "1");
    DesiredState before =
        state(Map.of("prod", List.of(a, b), "staging", List.of(s), "dev", List.of(d)));
    DesiredState after = state(Map.of("prod", List.of(b), "dev", List.of()));

    assertThat(LiveDeclarations.gone(before, after, e -> !e.equals("dev")))
        .containsExactlyInAnyOrder(a.id(), s.id());
    assertThat(LiveDeclarations.gone(before, after, e -> true))
        .containsExactlyInAnyOrder(a.id(), s.id(), d.id());
  }

  @Test
  void nothingIsGoneWhenTheCommitKeptEveryDocument() {
    DesiredResource a = alias("prod", "a", "1");
    DesiredState before = state(Map.of("prod", List.of(a)));

    assertThat(LiveDeclarations.gone(before, state(Map.of("prod", List.of(a))), e -> true))
        .isEmpty();
    assertThat(
            LiveDeclarations.gone(
                before, state(Map.of("prod", List.of(a, alias("prod", "b", "1")))), e -> true))
        .as("an added document is no loss")
        .isEmpty();
  }
}
