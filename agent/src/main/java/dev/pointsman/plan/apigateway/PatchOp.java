package dev.pointsman.plan.apigateway;

import java.util.Optional;

/** One JSON-patch operation of an API Gateway UpdateStage call. */
public record PatchOp(String op, String path, Optional<String> value) {
  public static PatchOp replace(String path, String value) {
    return new PatchOp("replace", path, Optional.of(value));
  }

  public static PatchOp remove(String path) {
    return new PatchOp("remove", path, Optional.empty());
  }

  /** JSON Pointer escaping of one path segment (a stage variable name, say). */
  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public String toString() {
    return op + " " + path + value.map(v -> " " + v).orElse("");
  }
}
