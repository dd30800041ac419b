package dev.pointsman.notify;

import java.util.List;

/** Sends every notification to each configured chat. */
public final class Notifiers implements Notifier {
  private final List<Notifier> targets;

  public Notifiers(List<Notifier> targets) {
    this.targets = List.copyOf(targets);
  }

  @Override
  public void send(Notification notification) {
    targets.forEach(t -> t.send(notification));
  }

  public List<Notifier> targets() {
    return targets;
  }
}
