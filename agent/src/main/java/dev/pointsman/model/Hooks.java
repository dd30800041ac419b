package dev.pointsman.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verification hooks of a pointer: a Lambda function invoked before any traffic reaches the new
 * artifact ({@code beforeTraffic}) and once it takes all traffic ({@code afterTraffic}).
 */
public record Hooks(Optional<Hook> beforeTraffic, Optional<Hook> afterTraffic) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

  /** One hook: the function (name or ARN, maybe with a qualifier) and how long it may take. */
  public record Hook(String function, Optional<String> qualifier, Duration timeout, Source source) {
    public String describe() {
      return function + qualifier.map(q -> ":" + q).orElse("");
    }
  }

  public enum Phase {
    BEFORE_TRAFFIC("beforeTraffic"),
    AFTER_TRAFFIC("afterTraffic");

    private final String wire;

    Phase(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** The function references that must exist before anything is applied. */
  public List<ConfigRef> references() {
    List<ConfigRef> refs = new ArrayList<>();
    beforeTraffic.ifPresent(h -> refs.add(ConfigRef.function(h.describe(), h.source())));
    afterTraffic.ifPresent(h -> refs.add(ConfigRef.function(h.describe(), h.source())));
    return refs;
  }
}
