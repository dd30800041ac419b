package dev.pointsman.adopt;

import java.util.Map;
import java.util.Optional;

/**
 * Resources another controller manages: CloudFormation (and so SAM and CDK) tags what it creates
 * with {@code aws:cloudformation:stack-name}; SAM tags functions {@code lambda:createdBy: SAM} and
 * moves their aliases itself ({@code AutoPublishAlias}). Two controllers moving one pointer is
 * drift forever, so import skips them and plan warns about them.
 */
public final class Ownership {
  public static final String STACK_TAG = "aws:cloudformation:stack-name";
  public static final String SAM_TAG = "lambda:createdBy";

  private Ownership() {}

  /** Who else manages a resource with these tags, if anyone ("CloudFormation stack orders"). */
  public static Optional<String> managedBy(Map<String, String> tags) {
    if (tags == null) return Optional.empty();
    String stack = tags.get(STACK_TAG);
    if ("SAM".equals(tags.get(SAM_TAG)))
      return Optional.of("SAM" + (stack == null ? "" : " (CloudFormation stack " + stack + ")"));
    if (stack != null) return Optional.of("CloudFormation stack " + stack);
    return Optional.empty();
  }
}
