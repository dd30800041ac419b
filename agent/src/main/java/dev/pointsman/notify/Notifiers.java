package dev.pointsman.notify;

import java.time.Duration;
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

  /** Drains every target within one shared {@code grace}. */
  @Override
  public int close(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    int lost = 0;
    for (Notifier t : targets) {
      lost += t.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return lost;
  }

  public List<Notifier> targets() {
    return targets;
  }
}
