package dev.pointsman.adopt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to import. A kind without any filter is not imported at all (no surprise crawl of a whole
 * account) unless {@code all} is set. Lambda functions match when any of prefix, tag or name
 * matches; {@code alias} narrows every function to that one alias.
 */
public record ImportFilters(
    List<String> functionPrefixes,
    Map<String, String> functionTags,
    List<String> functions,
    Optional<String> alias,
    List<String> restApis,
    List<String> clusters,
    List<String> services,
    List<String> appConfigApplications,
    boolean all,
    boolean includeManaged) {
  public ImportFilters {
    functionPrefixes = List.copyOf(functionPrefixes);
    functionTags = Map.copyOf(functionTags);
    functions = List.copyOf(functions);
    restApis = List.copyOf(restApis);
    clusters = List.copyOf(clusters);
    services = List.copyOf(services);
    appConfigApplications = List.copyOf(appConfigApplications);
  }

  boolean lambda() {
    return all || !functionPrefixes.isEmpty() || !functionTags.isEmpty() || !functions.isEmpty();
  }

  boolean apis() {
    return all || !restApis.isEmpty();
  }

  boolean ecs() {
    return all || !clusters.isEmpty();
  }

  boolean appConfig() {
    return all || !appConfigApplications.isEmpty();
  }

  /** True when any kind is selected. */
  public boolean any() {
    return lambda() || apis() || ecs() || appConfig();
  }
}
