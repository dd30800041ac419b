package dev.pointsman.manifest;

import dev.pointsman.manifest.ManifestLoader.Declared;
import java.util.List;
import java.util.Optional;

/**
 * One file validated on its own: errors of its own, what its documents declare, its documents and
 * what each validated to (for the file's next version), and, when only some of its documents were
 * validated, how its outcomes differ from those of the version before.
 */
record FileResult(
    List<ManifestError> errors,
    List<Declared> declared,
    List<YamlDocument> documents,
    List<FileValidation.Outcome> outcomes,
    Optional<Edit> edit) {
  /**
   * The outcomes are those of {@code base} (the same objects) but for {@code removed} of them from
   * index {@code at}, in whose place are {@code added} new ones.
   */
  record Edit(List<FileValidation.Outcome> base, int at, int removed, int added) {}
}
