package dev.pointsman.kinds;

import dev.pointsman.aws.AwsOperation;
import dev.pointsman.aws.Quotas;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.reconcile.KindModule;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.PromotionRehearsal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifest kinds Pointsman knows. Adding a kind means adding its descriptor here. */
public final class Kinds {
  private Kinds() {}

  private static final List<KindDescriptor<?, ?>> ALL =
      List.of(
          new LambdaFunctionKind(), // before LambdaAlias: a pass publishes, then moves aliases
          new LambdaAliasKind(),
          new ApiStageKind(),
          new EcsServiceKind(),
          new AppConfigDeploymentKind());

  public static List<KindDescriptor<?, ?>> all() {
    return ALL;
  }

  /** A loader for every kind's documents (and Environment documents); {@code clock} times loads. */
  public static ManifestLoader manifestLoader(Clock clock) {
    return ManifestLoader.of(ALL.stream().map(KindDescriptor::parser).toList(), clock);
  }

  /** As above, on the system clock (tools and tests). */
  public static ManifestLoader manifestLoader() {
    return manifestLoader(Clock.systemUTC());
  }

  /** Every kind's run-time module. */
  public static List<KindModule<?, ?>> modules(KindContext context) {
    List<KindModule<?, ?>> modules = new ArrayList<>();
    for (KindDescriptor<?, ?> d : ALL) modules.add(d.module(context));
    return modules;
  }

  /** The promotions the warm start rehearses: one per kind that has a script. */
  public static List<PromotionRehearsal.Script> rehearsals() {
    List<PromotionRehearsal.Script> scripts = new ArrayList<>();
    ALL.forEach(d -> d.rehearsal().ifPresent(scripts::add));
    return scripts;
  }

  /**
   * Every AWS operation Pointsman may call: the core, rollouts, the lease, {@code import}'s
   * listings and every kind's.
   */
  public static List<AwsOperation> operations() {
    List<AwsOperation> ops = new ArrayList<>(AwsOperation.CORE);
    ops.addAll(AwsOperation.ROLLOUTS);
    ops.addAll(AwsOperation.LEASE);
    ops.addAll(AwsOperation.IMPORT);
    ops.addAll(AwsOperation.CHANGE_EVENTS);
    ALL.forEach(d -> ops.addAll(d.operations()));
    return ops;
  }

  /**
   * The AWS operations a pass may call, by kind, and under {@link Pass#ANY_KIND} those of any pass
   * (the account check and config references; not the rarer alarms of rollouts).
   */
  public static Map<String, List<AwsOperation>> operationsByKind() {
    Map<String, List<AwsOperation>> ops = new LinkedHashMap<>();
    ALL.forEach(d -> ops.put(d.kind(), d.operations()));
    ops.put(Pass.ANY_KIND, AwsOperation.CORE);
    return ops;
  }

  /** Published quotas of every API family: the core ones and each kind's. */
  public static Map<String, Double> quotaFamilies() {
    Map<String, Double> families = new HashMap<>(Quotas.CORE_FAMILIES);
    for (KindDescriptor<?, ?> d : ALL) {
      d.quotaFamilies()
          .forEach(
              (family, rps) -> {
                Double before = families.putIfAbsent(family, rps);
                if (before != null && !before.equals(rps))
                  throw new IllegalStateException(
                      "kind "
                          + d.kind()
                          + " says "
                          + family
                          + " allows "
                          + rps
                          + "/s, not "
                          + before);
              });
    }
    return families;
  }

  /** Quotas with the agent's {@code share} and per-account {@code overrides}. */
  public static Quotas quotas(double share, Iterable<String> overrides) {
    return Quotas.of(share, overrides, quotaFamilies());
  }

  public static Quotas defaultQuotas() {
    return quotas(0.5, List.of());
  }
}
