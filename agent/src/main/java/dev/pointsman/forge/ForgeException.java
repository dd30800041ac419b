package dev.pointsman.forge;

/** The forge did not take a preview (down, refused, rate-limited too long); retried later. */
public final class ForgeException extends Exception {
  public ForgeException(String message) {
    super(message, null, false, false);
  }
}
