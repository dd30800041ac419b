package dev.pointsman.manifest;

import java.util.regex.Pattern;

/** Shapes of names and identifiers that AWS and the manifest format accept. */
final class Patterns {
  static final Pattern API_VERSION = Pattern.compile("pointsman\\.dev/v1");
  static final Pattern METADATA_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}");
  static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
  static final Pattern FUNCTION_NAME =
      Pattern.compile("(arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:)?[a-zA-Z0-9_-]{1,64}");
  static final Pattern ALIAS_NAME = Pattern.compile("(?![0-9]+$)[a-zA-Z0-9_-]{1,128}");
  static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,9}|\\$LATEST");
  static final Pattern PUBLISHED_VERSION = Pattern.compile("[1-9][0-9]{0,9}");
  static final Pattern SHA256_BASE64 = Pattern.compile("[A-Za-z0-9+/]{43}=");

  private Patterns() {}
}
