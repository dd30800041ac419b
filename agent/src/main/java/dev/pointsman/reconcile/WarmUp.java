package dev.pointsman.reconcile;

import dev.pointsman.aws.CallLane;
import dev.pointsman.git.GitException;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ResourceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the first idle poll after a start does so that the first promotion costs what the tenth
 * does: each environment's account checked (STS), and one declared resource of each kind read per
 * account, Region and role, which builds the SDK clients, opens their connections, and runs the
 * read and plan code once. A handful of read calls; nothing is written.
 */
final class WarmUp {
  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

  private final Agent.Settings settings;
  private final AgentParts parts;
  private final CommitManifests manifests;

  WarmUp(Agent.Settings settings, AgentParts parts, CommitManifests manifests) {
    this.settings = settings;
    this.parts = parts;
    this.manifests = manifests;
  }

  /**
   * The account check of every acting environment of {@code commit} (cached by the guard); the
   * commit's manifests, when they could be read.
   */
  Optional<LoadResult> checkAccounts(Commit commit) {
    try {
      LoadResult load = manifests.of(commit);
      if (!load.valid()) return Optional.of(load);
      for (EnvironmentManifests em : load.state().environments()) {
        if (!acting(em)) continue;
        parts
            .pass()
            .checkAccount(em.environment())
            .filter(why -> !CallLane.gaveWay()) // a push went first: not a problem
            .ifPresent(why -> log.warn("environment {}: {}", em.environment().name(), why));
      }
      return Optional.of(load);
    } catch (GitException e) {
      log.warn("cannot read commit {}: {}", commit.shortSha(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * One read per kind and account/Region/role of the live commit's declarations, one after another
   * (plans dropped); stops before the next when {@code pushWaiting} says a push arrived. True when
   * all were read.
   */
  boolean readOnePerQuota(Commit commit, LoadResult load, BooleanSupplier pushWaiting) {
    if (!load.valid()) return true;
    Instant start = settings.clock().instant();
    List<ResourceId> sample = sample(load);
    for (ResourceId id : sample) {
      if (pushWaiting.getAsBoolean()) return false;
      try {
        parts.pass().evaluate(commit, load, settings.environments(), Set.of(id));
      } catch (RuntimeException e) {
        if (!CallLane.gaveWay())
          log.warn("warm-up read failed (the first promotion may be slower): {}", e.getMessage());
      }
      if (CallLane.gaveWay()) return false; // tried again at the next idle poll
    }
    log.info(
        "warmed up: {} resource(s) read, one per kind and account/Region, in {} ms",
        sample.size(),
        Duration.between(start, settings.clock().instant()).toMillis());
    return true;
  }

  /**
   * Packs the Git clone's objects into one pack once fetches have left many (at an idle poll, and a
   * standby's every poll).
   */
  void tidyClone() {
    try {
      parts
          .git()
          .tidy()
          .ifPresent(took -> log.info("packed the Git clone in {} ms", took.toMillis()));
    } catch (GitException e) {
      log.warn("{}; tried again at the next idle poll", e.getMessage());
    }
  }

  /** One resource per kind and account/Region/role; Lambda aliases first (most promotions). */
  private List<ResourceId> sample(LoadResult load) {
    Map<String, ResourceId> firstPerQuota = new LinkedHashMap<>();
    for (EnvironmentManifests em : load.state().environments()) {
      if (!acting(em)) continue;
      String key = Reconciler.readKey(em.environment());
      for (DesiredResource r : em.resources())
        firstPerQuota.putIfAbsent(key + "|" + r.id().kind(), r.id());
    }
    List<ResourceId> sample = new ArrayList<>(firstPerQuota.values());
    sample.sort(Comparator.comparing(id -> id.kind().equals("LambdaAlias") ? 0 : 1));
    return sample;
  }

  private boolean acting(EnvironmentManifests em) {
    return settings.environments().isEmpty()
        || settings.environments().contains(em.environment().name());
  }
}
