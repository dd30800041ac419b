package dev.pointsman.live.apigateway;

import dev.pointsman.aws.AwsCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;

/**
 * Resolves REST API names to ids with one paginated GetRestApis, done lazily and then remembered
 * for {@link #FRESH_FOR}: a drift sweep in slices would otherwise list every API once per slice. A
 * name that does not resolve is looked up again (once the list is a few seconds old), so a newly
 * created API is found at once.
 */
final class RestApiNames {
  static final Duration FRESH_FOR = Duration.ofMinutes(5);
  private static final Duration RECHECK_MISSES_AFTER = Duration.ofSeconds(5);

  private final ApiGatewayClient api;
  private final AwsCalls calls;
  private final Clock clock;
  private Map<String, List<String>> idsByName;
  private Instant loadedAt = Instant.MIN;

  RestApiNames(ApiGatewayClient api, AwsCalls calls, Clock clock) {
    this.api = api;
    this.calls = calls;
    this.clock = clock;
  }

  /** Forgets the remembered names: the next lookup lists the APIs again. */
  synchronized void forget() {
    idsByName = null;
  }

  /** The id, or (left) why the name does not identify exactly one API. */
  synchronized Resolved resolve(String name) {
    Instant now = clock.instant();
    Duration age = idsByName == null ? null : Duration.between(loadedAt, now);
    boolean stale = age == null || age.compareTo(FRESH_FOR) > 0;
    boolean missOld =
        age != null && !idsByName.containsKey(name) && age.compareTo(RECHECK_MISSES_AFTER) > 0;
    if (stale || missOld) {
      idsByName = load();
      loadedAt = now;
    }
    List<String> ids = idsByName.getOrDefault(name, List.of());
    if (ids.size() == 1) return new Resolved(null, ids.get(0));
    if (ids.isEmpty())
      return new Resolved("no REST API is named " + name + " in this account and Region", null);
    return new Resolved(
        ids.size()
            + " REST APIs are named "
            + name
            + " ("
            + String.join(", ", ids)
            + "); use spec.restApiId",
        null);
  }

  private Map<String, List<String>> load() {
    Map<String, List<String>> byName = new HashMap<>();
    String position = null;
    do {
      String page = position;
      GetRestApisResponse response =
          calls.call(() -> api.getRestApis(r -> r.position(page).limit(500)));
      response
          .items()
          .forEach(a -> byName.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a.id()));
      position = response.position();
    } while (position != null && !position.isEmpty());
    return byName;
  }

  /** Either a problem (left) or an id (right). */
  record Resolved(String left, String right) {
    boolean isLeft() {
      return left != null;
    }
  }
}
