package dev.pointsman.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into one line a user can act on, with the AWS request id when there is one.
 */
public final class AwsFailure {
  private AwsFailure() {}

  public static String describe(SdkException e) {
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      String code = ase.awsErrorDetails().errorCode();
      String message = ase.awsErrorDetails().errorMessage();
      return (code == null ? "HTTP " + ase.statusCode() : code)
          + (message == null ? "" : ": " + message)
          + (ase.requestId() == null ? "" : " (request id " + ase.requestId() + ")");
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Unable to load credentials")) {
      return "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an"
          + " instance, container or IRSA role";
    }
    return e.getClass().getSimpleName() + ": " + message;
  }
}
