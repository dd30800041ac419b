package dev.pointsman.model;

/**
 * A reference from a manifest to something that must exist before anything moves: an SSM parameter
 * ({@code ssm:/path} or its ARN), a Secrets Manager secret ARN, or a Lambda function (a
 * verification hook, {@code name[:qualifier]} or its ARN). Only existence is ever checked; values
 * are never read.
 */
public record ConfigRef(Type type, String id, Source source) {
  public enum Type {
    SSM_PARAMETER,
    SECRET,
    FUNCTION
  }

  /** A hook function; its id is prefixed so it never collides with a parameter name. */
  public static ConfigRef function(String nameOrArn, Source source) {
    return new ConfigRef(Type.FUNCTION, "lambda:" + nameOrArn, source);
  }

  /** The reference as AWS names it: a parameter name ({@code /path}), a secret ARN, a function. */
  @Override
  public String toString() {
    return switch (type) {
      case SSM_PARAMETER -> "SSM parameter " + id;
      case SECRET -> "secret " + id;
      case FUNCTION -> "hook function " + id.substring("lambda:".length());
    };
  }
}
