package dev.pointsman.cli;

import dev.pointsman.model.ResourceId;
import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notifier;
import dev.pointsman.plan.rollout.RolloutState;
import dev.pointsman.policy.Ledger;
import dev.pointsman.rollout.RolloutEvents;
import dev.pointsman.rollout.RolloutStatus;
import dev.pointsman.status.StatusBoard;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where rollout events go in {@code run}: the log, chat, and (an abort) the release policy's
 * ledger, where it restarts the soak of that artifact in that environment.
 */
final class RolloutNews implements RolloutEvents {
  private static final Logger log = LoggerFactory.getLogger(RolloutNews.class);

  private final Notifier notifier;
  private final Messages messages;
  private final Clock clock;
  private final Ledger ledger;
  private final StatusBoard status;

  RolloutNews(
      Notifier notifier, Messages messages, Clock clock, Ledger ledger, StatusBoard status) {
    this.notifier = notifier;
    this.messages = messages;
    this.clock = clock;
    this.ledger = ledger;
    this.status = status;
  }

  @Override
  public void publish(RolloutStatus r, String event) {
    log.info("rollout {}: {}", r.key(), event);
    notifier.send(messages.rollout(r, event, clock.instant()));
    if (r.state() == null || r.state().status() != RolloutState.Status.ABORTED) return;
    // The ledger pairs pointers by kind and metadata.name: the board knows the name of this one.
    ResourceId id = new ResourceId(r.environment(), r.kind(), r.name());
    status.pointers().stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .ifPresent(
            p ->
                ledger.aborted(
                    Ledger.key(r.environment(), r.kind(), p.metadataName()),
                    r.state().target(),
                    clock.instant()));
  }
}
