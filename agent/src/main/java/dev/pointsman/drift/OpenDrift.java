package dev.pointsman.drift;

import dev.pointsman.model.Attribution;
import java.time.Instant;
import java.util.Optional;

/** A drift that has been announced and not yet resolved, and who made it (once known). */
public record OpenDrift(
    Drift drift, String commit, Instant firstSeen, String action, Optional<Attribution> who) {
  public OpenDrift {
    who = who == null ? Optional.empty() : who;
  }

  public OpenDrift(Drift drift, String commit, Instant firstSeen, String action) {
    this(drift, commit, firstSeen, action, Optional.empty());
  }

  public OpenDrift attributed(Attribution attribution) {
    return new OpenDrift(drift, commit, firstSeen, action, Optional.of(attribution));
  }
}
