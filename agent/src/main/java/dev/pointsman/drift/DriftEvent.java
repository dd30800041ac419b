package dev.pointsman.drift;

/** What a sweep has to announce: a drift that appeared, or one that went away (and why). */
public sealed interface DriftEvent {
  OpenDrift open();

  record Appeared(OpenDrift open) implements DriftEvent {}

  record Resolved(OpenDrift open, String reason) implements DriftEvent {}
}
