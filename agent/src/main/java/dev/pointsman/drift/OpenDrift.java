package dev.pointsman.drift;

import java.time.Instant;

/** A drift that has been announced and not yet resolved. */
public record OpenDrift(Drift drift, String commit, Instant firstSeen, String action) {}
