package dev.pointsman.manifest;

import dev.pointsman.model.Source;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The envelope every manifest shares: apiVersion, kind, metadata and spec. */
record DocumentHeader(
    String kind, int kindLine, String name, int nameLine, Fields spec, Source source) {
  private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> METADATA_FIELDS = Set.of("name", "labels", "annotations");
  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");

  static Optional<DocumentHeader> read(YamlDocument doc, List<ManifestError> errors) {
    Optional<Fields> root = Fields.root(doc, errors);
    if (root.isEmpty()) return Optional.empty();
    Fields r = root.get();
    int before = errors.size();
    r.rejectUnknown(FIELDS);
    r.string("apiVersion", true, Patterns.API_VERSION, "pointsman.dev/v1");
    Optional<String> kind = r.string("kind", true, KIND, "a manifest kind such as LambdaAlias");
    Optional<Fields> metadata = r.object("metadata", true, "a mapping with name");
    Optional<String> name =
        metadata.flatMap(
            m -> {
              m.rejectUnknown(METADATA_FIELDS);
              m.object("labels", false, "a mapping of strings");
              m.object("annotations", false, "a mapping of strings");
              return m.string(
                  "name",
                  true,
                  Patterns.METADATA_NAME,
                  "a lower-case name of letters, digits, - and .");
            });
    Optional<Fields> spec = r.object("spec", true, "a mapping");
    if (errors.size() > before || kind.isEmpty() || name.isEmpty() || spec.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DocumentHeader(
            kind.get(),
            r.line("kind"),
            name.get(),
            metadata.get().line("name"),
            spec.get(),
            new Source(doc.file(), doc.startLine())));
  }
}
