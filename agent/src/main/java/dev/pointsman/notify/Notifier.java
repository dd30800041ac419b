package dev.pointsman.notify;

/** Sends chat messages. Implementations never block reconciliation and never throw. */
public interface Notifier {
  void send(Notification notification);

  /** A notifier that sends nothing (no chat configured). */
  Notifier NONE = n -> {};
}
