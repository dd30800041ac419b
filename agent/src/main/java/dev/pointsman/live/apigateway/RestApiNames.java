package dev.pointsman.live.apigateway;

import dev.pointsman.aws.AwsCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;

/** Resolves REST API names to ids with one paginated GetRestApis, done lazily and once per pass. */
final class RestApiNames {
  private final ApiGatewayClient api;
  private final AwsCalls calls;
  private Map<String, List<String>> idsByName;

  RestApiNames(ApiGatewayClient api, AwsCalls calls) {
    this.api = api;
    this.calls = calls;
  }

  /** The id, or (left) why the name does not identify exactly one API. */
  Resolved resolve(String name) {
    if (idsByName == null) idsByName = load();
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
