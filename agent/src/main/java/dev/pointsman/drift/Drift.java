package dev.pointsman.drift;

import dev.pointsman.model.ResourceId;

/** One owned field whose live value differs from the last applied commit. */
public record Drift(ResourceId resource, String field, String desired, String live) {
  /** Identity for deduplication: resource, field and both values; never a timestamp. */
  public String key() {
    return resource + "|" + field + "|" + desired + "|" + live;
  }
}
