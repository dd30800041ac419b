package dev.pointsman.manifest;

import java.util.regex.Pattern;

/** Shapes of names and identifiers that AWS and the manifest format accept. */
public final class Patterns {
  static final Pattern API_VERSION = Pattern.compile("pointsman\\.dev/v1");
  static final Pattern METADATA_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  public static final Pattern ENVIRONMENT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  public static final Pattern REGION =
      Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}");
  static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
  static final Pattern FUNCTION_NAME =
      Pattern.compile("(arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:)?[a-zA-Z0-9_-]{1,64}");
  static final Pattern ALIAS_NAME = Pattern.compile("(?![0-9]+$)[a-zA-Z0-9_-]{1,128}");
  static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,9}|\\$LATEST");
  static final Pattern PUBLISHED_VERSION = Pattern.compile("[1-9][0-9]{0,9}");
  static final Pattern SHA256_BASE64 = Pattern.compile("[A-Za-z0-9+/]{43}=");

  static final Pattern REST_API_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  static final Pattern REST_API_NAME = Pattern.compile("[^\\p{Cntrl}]{1,1024}");
  static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");
  static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  static final Pattern STAGE_VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  static final Pattern STAGE_VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]{1,512}");
  static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  static final Pattern CLUSTER =
      Pattern.compile("(arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/)?[A-Za-z0-9_-]{1,255}");
  static final Pattern IMAGE = Pattern.compile("[^\\s]{1,1024}");
  static final Pattern DIGEST_PINNED = Pattern.compile(".+@sha256:[0-9a-f]{64}");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
  static final Pattern ANY_VALUE = Pattern.compile("(?s).{0,32768}");
  static final Pattern CONFIG_REF =
      Pattern.compile(
          "ssm:/[A-Za-z0-9_.\\-/]{1,2047}"
              + "|arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9_.\\-/]{1,2047}"
              + "|arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}(:[^:]*:[^:]*:[^:]*)?");

  private Patterns() {}
}
