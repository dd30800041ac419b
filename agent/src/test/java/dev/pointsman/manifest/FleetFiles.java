package dev.pointsman.manifest;

import dev.pointsman.model.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A generated fleet of manifests in one environment, for tests of loading and slicing. */
public final class FleetFiles {
  private FleetFiles() {}

  public static List<ManifestFile> of(int functions, int apis, int services) {
    List<ManifestFile> files = new ArrayList<>();
    files.add(
        file(
            "fleet/environment.yaml",
            """
            apiVersion: pointsman.dev/v1
            kind: Environment
            metadata:
              name: fleet
            spec:
              region: us-east-1
              accountId: "000000000000"
              drift: report
            """));
    for (int f = 0; f < functions; f++) files.add(function(f, "2"));
    for (int a = 0; a < apis; a++) {
      StringBuilder text = new StringBuilder();
      for (String stage : List.of("dev", "beta", "live")) {
        text.append(
            """
            ---
            apiVersion: pointsman.dev/v1
            kind: ApiStage
            metadata:
              name: api-%d-%s
            spec:
              restApiId: "a%07d"
              stage: %s
              deploymentId: "d00001"
            """
                .formatted(a, stage, a, stage));
      }
      files.add(file("fleet/api-%04d.yaml".formatted(a), text.toString()));
    }
    for (int s = 0; s < services; s++) {
      files.add(
          file(
              "fleet/svc-%04d.yaml".formatted(s),
              """
              apiVersion: pointsman.dev/v1
              kind: EcsService
              metadata:
                name: svc-%d
              spec:
                cluster: fleet
                service: svc-%04d
                containers:
                  - name: app
                    image: registry.example.com/app@sha256:%s
              """
                  .formatted(s, s, "a".repeat(64))));
    }
    return files;
  }

  /**
   * {@code fleet} (as {@link #of} makes it) as environment {@code name} in {@code region}: folder,
   * environment name and Region replaced, pointers the same (the seeds' layout of one function with
   * an alias per environment has different alias names; here they coincide, which the readers and
   * slicing must cope with too).
   */
  public static List<ManifestFile> as(List<ManifestFile> fleet, String name, String region) {
    List<ManifestFile> files = new ArrayList<>();
    for (ManifestFile f : fleet) {
      String text = new String(f.content(), StandardCharsets.UTF_8);
      if (f.path().endsWith("environment.yaml"))
        text =
            text.replace("name: fleet", "name: " + name)
                .replace("region: us-east-1", "region: " + region);
      files.add(
          new ManifestFile(
              f.path().replace("fleet/", name + "/"), text.getBytes(StandardCharsets.UTF_8)));
    }
    return files;
  }

  /** The file of function {@code f}: three aliases, "live" at {@code version}. */
  public static ManifestFile function(int f, String version) {
    StringBuilder text = new StringBuilder();
    for (String alias : List.of("live", "canary", "stable")) {
      text.append(
          """
          ---
          apiVersion: pointsman.dev/v1
          kind: LambdaAlias
          metadata:
            name: fn-%d-%s
          spec:
            functionName: fn-%04d
            alias: %s
            version: %s
          """
              .formatted(f, alias, f, alias, alias.equals("live") ? version : "1"));
    }
    return file("fleet/fn-%04d.yaml".formatted(f), text.toString());
  }

  private static ManifestFile file(String path, String text) {
    return new ManifestFile(path, text.getBytes(StandardCharsets.UTF_8));
  }
}
