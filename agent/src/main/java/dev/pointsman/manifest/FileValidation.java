package dev.pointsman.manifest;

import dev.pointsman.manifest.ManifestLoader.Declared;
import dev.pointsman.manifest.ManifestLoader.FileResult;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.ManifestFile;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything about one file that does not depend on the other files of the commit, document by
 * document. A new version of a file reuses what its unchanged documents validated to (the parser
 * keeps their trees, {@link ParsedFiles}): a promotion that edits one document of a file of
 * thousands validates that one.
 */
final class FileValidation {
  /** What one document validated to: errors that belong to the file, or what it declares. */
  record Outcome(List<ManifestError> errors, Optional<Declared> declared) {}

  private final Map<String, KindParser> kinds;
  private final ParsedFiles yaml;
  private final String environmentFile;

  FileValidation(Map<String, KindParser> kinds, ParsedFiles yaml, String environmentFile) {
    this.kinds = kinds;
    this.yaml = yaml;
    this.environmentFile = environmentFile;
  }

  /**
   * Validates {@code f} of {@code folder}; {@code prior} is what the file's previous version (same
   * environment) validated to, if known.
   */
  FileResult validate(
      String folder, ManifestFile f, Optional<Environment> env, Optional<FileResult> prior) {
    List<ManifestError> errors = new ArrayList<>();
    List<Declared> declared = new ArrayList<>();
    Map<YamlDocument, Outcome> byDocument = new IdentityHashMap<>();
    for (YamlDocument doc : yaml.read(f, errors)) {
      Outcome o = prior.map(p -> p.byDocument().get(doc)).orElse(null);
      if (o == null) o = document(folder, f, env, doc);
      byDocument.put(doc, o);
      errors.addAll(o.errors());
      o.declared().ifPresent(declared::add);
    }
    return new FileResult(List.copyOf(errors), List.copyOf(declared), byDocument);
  }

  private Outcome document(
      String folder, ManifestFile f, Optional<Environment> env, YamlDocument doc) {
    List<ManifestError> own = new ArrayList<>();
    Optional<DocumentHeader> header = DocumentHeader.read(doc, own);
    if (header.isEmpty()) return new Outcome(List.copyOf(own), Optional.empty());
    DocumentHeader h = header.get();
    if (h.kind().equals(EnvironmentParser.KIND)) {
      return fileError(
          new ManifestError(
              f.path(),
              h.source().line(),
              "kind",
              "Environment belongs in " + folder + "/" + environmentFile));
    }
    KindParser parser = kinds.get(h.kind());
    if (parser == null) {
      return fileError(
          new ManifestError(
              f.path(),
              h.kindLine(),
              "kind",
              "unknown kind " + Fields.quote(h.kind()) + "; expected one of " + knownKinds()));
    }
    Optional<DesiredResource> resource =
        env.isEmpty() ? Optional.empty() : parser.parse(env.get(), h.name(), h.spec(), h.source());
    return new Outcome(
        List.of(),
        Optional.of(
            new Declared(
                h.kind(), h.name(), h.source(), h.nameLine(), List.copyOf(own), resource)));
  }

  private static Outcome fileError(ManifestError error) {
    return new Outcome(List.of(error), Optional.empty());
  }

  private String knownKinds() {
    List<String> names = new ArrayList<>(kinds.keySet());
    names.add(EnvironmentParser.KIND);
    names.sort(null);
    return names.toString();
  }
}
