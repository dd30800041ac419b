package dev.pointsman.model;

/**
 * A reference from a manifest to configuration that must exist before anything moves: an SSM
 * parameter ({@code ssm:/path} or its ARN) or a Secrets Manager secret ARN. Only existence is ever
 * checked; values are never read.
 */
public record ConfigRef(Type type, String id, Source source) {
  public enum Type {
    SSM_PARAMETER,
    SECRET
  }

  /** The reference as AWS names it: a parameter name ({@code /path}) or a secret ARN. */
  @Override
  public String toString() {
    return (type == Type.SSM_PARAMETER ? "SSM parameter " : "secret ") + id;
  }
}
