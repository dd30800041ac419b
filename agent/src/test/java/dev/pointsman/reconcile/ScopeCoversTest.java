package dev.pointsman.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.model.ApiStage;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A pass looks at every resource of an environment it touches without building each one's id; what
 * it covers must stay exactly what {@link Pass.Scope#covers(DesiredResource)} says.
 */
class ScopeCoversTest {
  private static LambdaAlias alias(String env, String function, String alias, String file) {
    return new LambdaAlias(
        env,
        function + "-" + alias,
        function,
        alias,
        "1",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new Source(file, 1));
  }

  /** A kind that answers {@link DesiredResource#is} by building its id (the default). */
  private record Stage(ResourceId id) implements DesiredResource {
    @Override
    public String metadataName() {
      return id.name();
    }

    @Override
    public Source source() {
      return new Source(id.environment() + "/apis.yaml", 1);
    }
  }

  /** Aliases whose ids come close: a name split at another slash, a longer or shorter name. */
  private static final List<DesiredResource> RESOURCES =
      List.of(
          alias("prod", "a/b", "c", "prod/x.yaml"),
          alias("prod", "a", "b/c", "prod/y.yaml"),
          alias("prod", "ab", "c", "prod/y.yaml"),
          alias("prod", "a", "bc", "prod/y.yaml"),
          alias("prod", "orders", "prod", "prod/functions.yaml"),
          alias("prod", "orders", "prod2", "prod/functions.yaml"),
          alias("prod", "orders2", "prod", "prod/functions.yaml"),
          alias("staging", "orders", "prod", "staging/functions.yaml"),
          new Stage(new ResourceId("prod", ApiStage.KIND, "k7x9q2/prod")));

  private static final List<ResourceId> IDS =
      Stream.concat(
              Stream.of(
                      "a/b/c",
                      "ab/c",
                      "ab_c",
                      "a/b/cc",
                      "a/bc",
                      "orders/prod",
                      "orders/pro",
                      "order/sprod",
                      "orders//prod",
                      "k7x9q2/prod")
                  .map(name -> new ResourceId("prod", LambdaAlias.KIND, name)),
              Stream.of(
                  new ResourceId("staging", LambdaAlias.KIND, "orders/prod"),
                  new ResourceId("prod", ApiStage.KIND, "orders/prod"),
                  new ResourceId("prod", ApiStage.KIND, "k7x9q2/prod")))
          .toList();

  @Test
  void anAliasIsAnIdExactlyWhenItsIdEqualsIt() {
    for (DesiredResource r : RESOURCES) {
      for (ResourceId id : IDS) {
        assertThat(r.is(id)).as(r.id() + " is " + id).isEqualTo(r.id().equals(id));
      }
    }
    // Some of them are: the check above compares true answers too.
    ResourceId abc = new ResourceId("prod", LambdaAlias.KIND, "a/b/c");
    assertThat(RESOURCES.get(0).is(abc)).isTrue();
    assertThat(RESOURCES.get(1).is(abc)).isTrue();
    assertThat(RESOURCES.get(8).is(new ResourceId("prod", ApiStage.KIND, "k7x9q2/prod"))).isTrue();
  }

  @Test
  void aFewNamedOrManyTheScopeCoversWhatItCoveredBefore() {
    List<ResourceId> many = new ArrayList<>(IDS);
    IntStream.range(0, 20)
        .forEach(i -> many.add(new ResourceId("prod", LambdaAlias.KIND, "f" + i + "/prod")));
    for (List<ResourceId> ids : List.of(List.<ResourceId>of(), IDS.subList(0, 1), IDS, many)) {
      for (Set<String> files : List.of(Set.<String>of(), Set.of("prod/y.yaml"))) {
        Pass.Scope scope = new Pass.Scope(files, Set.copyOf(ids));
        for (DesiredResource r : RESOURCES) {
          List<ResourceId> named =
              ids.stream().filter(id -> id.environment().equals(r.id().environment())).toList();
          assertThat(scope.covers(r, named))
              .as(r.id() + " in " + files + " and " + ids.size() + " ids")
              .isEqualTo(scope.covers(r));
        }
      }
    }
    ResourceId orders = new ResourceId("prod", LambdaAlias.KIND, "orders/prod");
    Pass.Scope one = new Pass.Scope(Set.of(), Set.of(orders));
    assertThat(one.covers(RESOURCES.get(4), List.of(orders))).isTrue();
    assertThat(one.covers(RESOURCES.get(7), List.of())).isFalse(); // staging's orders/prod
  }
}
