package dev.pointsman.model;

/** What the agent does about live state that differs from the last applied commit. */
public enum DriftPolicy {
  REPORT,
  HEAL
}
