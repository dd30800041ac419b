package dev.pointsman.live.appconfig;

import dev.pointsman.aws.AwsCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.appconfig.AppConfigClient;

/**
 * Resolves AppConfig names (or ids) of one account and Region to ids, remembered for {@link
 * #FRESH_FOR} like REST API names; a name that misses is looked up again once the list is a few
 * seconds old. Hosted configuration versions are immutable: a version seen once is remembered for
 * the life of the process, and a profile's versions are listed again only when one is missing.
 */
final class AppConfigNames {
  static final Duration FRESH_FOR = Duration.ofMinutes(5);
  private static final Duration RECHECK_MISSES_AFTER = Duration.ofSeconds(5);

  private final AppConfigClient client;
  private final AwsCalls calls;
  private final Clock clock;
  private final Cached<Named> applications = new Cached<>();
  private final Map<String, Cached<Named>> environments = new HashMap<>();
  private final Map<String, Cached<Profile>> profiles = new HashMap<>();
  private final Cached<Named> strategies = new Cached<>();
  private final Map<String, Set<Integer>> versions = new HashMap<>();

  /** An AppConfig resource by id and name. */
  record Named(String id, String name) {}

  /** A configuration profile; {@code hosted} when its location is AppConfig's hosted store. */
  record Profile(String id, String name, boolean hosted) {}

  AppConfigNames(AppConfigClient client, AwsCalls calls, Clock clock) {
    this.client = client;
    this.calls = calls;
    this.clock = clock;
  }

  synchronized Resolved<Named> application(String nameOrId) {
    return applications.resolve(
        nameOrId, "application", this::listApplications, Named::id, Named::name);
  }

  synchronized Resolved<Named> environment(String appId, String nameOrId) {
    return environments
        .computeIfAbsent(appId, k -> new Cached<>())
        .resolve(nameOrId, "environment", () -> listEnvironments(appId), Named::id, Named::name);
  }

  synchronized Resolved<Profile> profile(String appId, String nameOrId) {
    return profiles
        .computeIfAbsent(appId, k -> new Cached<>())
        .resolve(
            nameOrId,
            "configuration profile",
            () -> listProfiles(appId),
            Profile::id,
            Profile::name);
  }

  /**
   * How many profiles of the application carry {@code name} (from the listing {@link #profile} just
   * used): ListDeployments names deployments by profile name only.
   */
  synchronized long profilesNamed(String appId, String name) {
    Cached<Profile> c = profiles.get(appId);
    return c == null || c.items == null
        ? 1
        : c.items.stream().filter(p -> p.name().equals(name)).count();
  }

  synchronized Resolved<Named> strategy(String nameOrId) {
    return strategies.resolve(
        nameOrId, "deployment strategy", this::listStrategies, Named::id, Named::name);
  }

  /** Whether hosted configuration version {@code version} of the profile exists. */
  synchronized boolean versionExists(String appId, String profileId, int version) {
    Set<Integer> known = versions.computeIfAbsent(appId + "/" + profileId, k -> new HashSet<>());
    if (known.contains(version)) return true;
    known.addAll(
        all(
            () ->
                client
                    .listHostedConfigurationVersionsPaginator(
                        r ->
                            r.applicationId(appId).configurationProfileId(profileId).maxResults(50))
                    .items()
                    .stream()
                    .map(v -> v.versionNumber())));
    return known.contains(version);
  }

  /** Forgets everything but the immutable versions (an id vanished: the next read lists again). */
  synchronized void forget() {
    applications.clear();
    environments.clear();
    profiles.clear();
    strategies.clear();
  }

  /**
   * Every item of one listing, read through the SDK's paginator; a throttled or failed page retries
   * the listing (they are short: AppConfig allows 100 applications, 20 strategies per account).
   */
  private <T> List<T> all(Supplier<Stream<T>> listing) {
    return calls.call(() -> listing.get().toList());
  }

  private List<Named> listApplications() {
    return all(
        () ->
            client.listApplicationsPaginator(r -> r.maxResults(50)).items().stream()
                .map(a -> new Named(a.id(), a.name())));
  }

  private List<Named> listEnvironments(String appId) {
    return all(
        () ->
            client
                .listEnvironmentsPaginator(r -> r.applicationId(appId).maxResults(50))
                .items()
                .stream()
                .map(e -> new Named(e.id(), e.name())));
  }

  private List<Profile> listProfiles(String appId) {
    return all(
        () ->
            client
                .listConfigurationProfilesPaginator(r -> r.applicationId(appId).maxResults(50))
                .items()
                .stream()
                .map(p -> new Profile(p.id(), p.name(), "hosted".equals(p.locationUri()))));
  }

  private List<Named> listStrategies() {
    return all(
        () ->
            client.listDeploymentStrategiesPaginator(r -> r.maxResults(50)).items().stream()
                .map(st -> new Named(st.id(), st.name())));
  }

  /** Either why the name does not resolve (left), or the one match (right). */
  record Resolved<T>(String problem, T value) {
    boolean ok() {
      return problem == null;
    }
  }

  /** One listing, remembered for {@link #FRESH_FOR}. */
  private final class Cached<T> {
    private List<T> items;
    private Instant loadedAt = Instant.MIN;

    void clear() {
      items = null;
    }

    Resolved<T> resolve(
        String nameOrId,
        String what,
        Supplier<List<T>> load,
        Function<T, String> id,
        Function<T, String> name) {
      Instant now = clock.instant();
      Duration age = items == null ? null : Duration.between(loadedAt, now);
      boolean stale = age == null || age.compareTo(FRESH_FOR) > 0;
      boolean missOld =
          age != null
              && find(nameOrId, id, name).isEmpty()
              && age.compareTo(RECHECK_MISSES_AFTER) > 0;
      if (stale || missOld) {
        items = load.get();
        loadedAt = now;
      }
      List<T> matches = find(nameOrId, id, name);
      if (matches.size() == 1) return new Resolved<>(null, matches.get(0));
      if (matches.isEmpty())
        return new Resolved<>("no AppConfig " + what + " has the name or id " + nameOrId, null);
      return new Resolved<>(
          matches.size()
              + " AppConfig "
              + what
              + "s are named "
              + nameOrId
              + " ("
              + String.join(", ", matches.stream().map(id).toList())
              + "); name it by id",
          null);
    }

    private List<T> find(String nameOrId, Function<T, String> id, Function<T, String> name) {
      if (items == null) return List.of();
      Optional<T> byId = items.stream().filter(i -> id.apply(i).equals(nameOrId)).findFirst();
      if (byId.isPresent()) return List.of(byId.get());
      return items.stream().filter(i -> name.apply(i).equals(nameOrId)).toList();
    }
  }
}
