package dev.pointsman.notify;

import java.time.Duration;

/** Sends chat messages. Implementations never block reconciliation and never throw. */
public interface Notifier {
  void send(Notification notification);

  /**
   * Delivers what is queued within {@code grace}, then stops; returns how many queued messages
   * could not be delivered in that time.
   */
  default int close(Duration grace) {
    return 0;
  }

  /** A notifier that sends nothing (no chat configured). */
  Notifier NONE = n -> {};
}
