package dev.pointsman.plan;

import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;

/** Why one resource cannot be planned: it blocks the whole commit. */
public record PlanError(ResourceId id, Source source, String message) {
  @Override
  public String toString() {
    return source + ": " + id + ": " + message;
  }
}
