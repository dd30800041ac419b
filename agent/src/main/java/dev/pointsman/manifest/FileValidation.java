package dev.pointsman.manifest;

import dev.pointsman.manifest.ManifestLoader.Declared;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.ManifestFile;
import java.util.ArrayList;
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
   * environment) validated to, if known: when only some documents were parsed again, the others
   * keep what they validated to.
   */
  FileResult validate(
      String folder, ManifestFile f, Optional<Environment> env, Optional<FileResult> prior) {
    List<ManifestError> errors = new ArrayList<>();
    ParsedFiles.Documents read = yaml.documents(f, errors);
    List<YamlDocument> documents = read.all();
    Outcome[] outcomes = new Outcome[documents.size()];
    Optional<FileResult.Edit> edit = Optional.empty();
    int from = 0;
    int to = documents.size();
    if (prior.isPresent() && read.splice().isPresent()) {
      ParsedFiles.Splice s = read.splice().get();
      FileResult before = prior.get();
      if (s.base() == before.documents()) {
        List<Outcome> was = before.outcomes();
        for (int i = 0; i < s.at(); i++) outcomes[i] = was.get(i);
        int after = s.at() + s.removed();
        for (int i = after; i < was.size(); i++) outcomes[i - s.removed() + s.added()] = was.get(i);
        from = s.at();
        to = s.at() + s.added();
        edit = Optional.of(new FileResult.Edit(was, s.at(), s.removed(), s.added()));
      }
    }
    for (int i = from; i < to; i++) outcomes[i] = document(folder, f, env, documents.get(i));
    List<Declared> declared = new ArrayList<>(outcomes.length);
    for (Outcome o : outcomes) {
      if (!o.errors().isEmpty()) errors.addAll(o.errors());
      if (o.declared().isPresent()) declared.add(o.declared().get());
    }
    return new FileResult(
        List.copyOf(errors), List.copyOf(declared), documents, List.of(outcomes), edit);
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
