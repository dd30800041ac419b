package dev.pointsman.git;

/** A Git operation failed; the message never contains credentials. */
public final class GitException extends Exception {
  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
