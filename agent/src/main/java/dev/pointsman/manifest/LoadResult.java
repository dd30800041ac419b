package dev.pointsman.manifest;

import dev.pointsman.model.DesiredState;
import java.util.List;

/** A commit's manifests: the desired state, valid only when {@code errors} is empty. */
public record LoadResult(DesiredState state, List<ManifestError> errors) {
  public LoadResult {
    errors = List.copyOf(errors);
  }

  public boolean valid() {
    return errors.isEmpty();
  }
}
