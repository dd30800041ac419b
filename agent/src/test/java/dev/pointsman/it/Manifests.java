package dev.pointsman.it;

/** Small manifest texts for tests. */
public final class Manifests {
  private Manifests() {}

  public static String environment(String name, String account, boolean isProtected) {
    return """
        apiVersion: pointsman.dev/v1
        kind: Environment
        metadata:
          name: %s
        spec:
          region: %s
          accountId: "%s"
          protected: %s
        """
        .formatted(name, Emulator.REGION, account, isProtected);
  }

  public static String alias(String name, String function, String alias, String version) {
    return """
        apiVersion: pointsman.dev/v1
        kind: LambdaAlias
        metadata:
          name: %s
        spec:
          functionName: %s
          alias: %s
          version: %s
        """
        .formatted(name, function, alias, version);
  }

  public static String aliasWithRouting(
      String name,
      String function,
      String alias,
      String version,
      String routeVersion,
      String weight) {
    return alias(name, function, alias, version)
        + """
          routing:
            version: %s
            weight: %s
        """
            .formatted(routeVersion, weight);
  }

  /** An ApiStage on {@code deployment} whose variable env=live selects {@code function}'s alias. */
  public static String stageWithPermission(String apiId, String deployment, String function) {
    return """
        apiVersion: pointsman.dev/v1
        kind: ApiStage
        metadata: {name: api}
        spec:
          restApiId: "%s"
          stage: prod
          deploymentId: "%s"
          variables: {env: live}
          lambdaPermissions: [{functionName: %s, aliasFromVariable: env}]
        """
        .formatted(apiId, deployment, function);
  }

  /** An EcsService whose container app runs {@code image}. */
  public static String service(String cluster, String image) {
    return """
        apiVersion: pointsman.dev/v1
        kind: EcsService
        metadata: {name: orders}
        spec: {cluster: %s, service: orders, containers: [{name: app, image: "%s"}]}
        """
        .formatted(cluster, image);
  }
}
