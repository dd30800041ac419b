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
}
