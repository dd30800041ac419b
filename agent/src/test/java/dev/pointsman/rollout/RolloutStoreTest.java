package dev.pointsman.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.plan.rollout.RolloutState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass's decision never overwrites an operator's pause, resume or abort that landed meanwhile.
 */
class RolloutStoreTest {
  @TempDir Path tmp;

  private static RolloutStatus status(RolloutState.Status s) {
    return new RolloutStatus(
        "prod",
        "eu-west-1",
        "LambdaAlias",
        "Orders/live",
        new RolloutState("2", "h", 0, Instant.parse("2026-12-01T10:00:00Z"), s, ""),
        "10%",
        2,
        Optional.empty(),
        List.of(),
        List.of());
  }

  @Test
  void aDecisionBasedOnAnOlderRecordIsDropped() {
    RolloutStore store = new RolloutStore(tmp);
    RolloutStatus paused = status(RolloutState.Status.PAUSED);
    store.put(paused);
    // The pass read "paused"; the operator resumes before the pass records its decision.
    RolloutStatus resumed =
        paused.with(paused.state().with(RolloutState.Status.RUNNING, "resumed by operator"));
    store.put(resumed);

    boolean stored = store.replace(paused.key(), Optional.of(paused), Optional.of(paused));

    assertThat(stored).isFalse();
    assertThat(store.get(paused.key())).contains(resumed);
    assertThat(store.replace(paused.key(), Optional.of(resumed), Optional.empty())).isTrue();
    assertThat(store.get(paused.key())).isEmpty();
  }
}
