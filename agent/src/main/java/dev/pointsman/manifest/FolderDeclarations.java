package dev.pointsman.manifest;

import dev.pointsman.manifest.ManifestLoader.Declared;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules across the files of one environment folder — every kind and metadata.name, and every
 * resource, declared once — applied one file at a time: a full load adds every file in path order;
 * an update takes back what the changed files' old versions declared and adds their new versions.
 * Keeps each file's accepted resources, so the folder's resources are listed in path order either
 * way. When a file's new version differs from the old in one run of documents (see {@link
 * FileValidation}) and the old was accepted whole, only that run is taken back and added: an edit
 * of one document of a file of thousands touches that document's entries, not the file's.
 */
final class FolderDeclarations {
  /** A document's kind and metadata.name: unique within an environment. */
  private record Name(String kind, String name) {}

  /**
   * A file whose declarations {@code [from, from + removed)} were taken back, the others staying;
   * {@code granted}: the resources its old version was granted, one per declaration.
   */
  private record Pending(int from, int removed, List<DesiredResource> granted) {}

  private final Map<String, FileResult> files = new TreeMap<>();
  private final Map<String, List<DesiredResource>> accepted = new TreeMap<>();
  private final Map<Name, Source> names;
  private final Map<ResourceId, Source> ids;
  private final Set<DesiredResource> dependents = new LinkedHashSet<>();

  /**
   * Files every declaration of which was granted its name and resource and reported nothing: worked
   * out as each is added, so that taking one back for an edit of a few of its documents does not
   * look at all of them again.
   */
  private final Set<String> whole = new HashSet<>();

  /**
   * Files being replaced whose new version differs in one run of documents (see {@link #retire}).
   */
  private final Map<String, Pending> pending = new HashMap<>();

  FolderDeclarations(int files) {
    names = ParsedFiles.sized(files * 4);
    ids = ParsedFiles.sized(files * 4);
  }

  /**
   * Adds what {@code file} (validated on its own) declares; reports to {@code errors} its own
   * errors and every name or resource another file of the folder declared first.
   */
  void add(String path, FileResult file, List<ManifestError> errors) {
    errors.addAll(file.errors());
    List<Declared> declared = file.declared();
    Pending p = pending.remove(path);
    List<DesiredResource> mine;
    boolean granted; // every declaration added here was granted and reported nothing
    if (p == null) {
      mine = new ArrayList<>(declared.size());
      granted = declare(path, declared, errors, mine);
    } else { // the others were accepted whole (see retire)
      int staying = p.granted().size() - p.removed();
      List<DesiredResource> fresh = new ArrayList<>();
      granted =
          declare(
              path,
              declared.subList(p.from(), declared.size() - staying + p.from()),
              errors,
              fresh);
      mine = new ArrayList<>(staying + fresh.size());
      mine.addAll(p.granted().subList(0, p.from()));
      mine.addAll(fresh);
      mine.addAll(p.granted().subList(p.from() + p.removed(), p.granted().size()));
    }
    files.put(path, file);
    accepted.put(path, mine);
    if (granted && file.errors().isEmpty()) whole.add(path);
  }

  /**
   * Grants each of {@code declared} its name and resource, if no other declaration has them, into
   * {@code mine}; whether every one was granted and reported nothing of its own.
   */
  private boolean declare(
      String path,
      List<Declared> declared,
      List<ManifestError> errors,
      List<DesiredResource> mine) {
    boolean all = true;
    for (Declared d : declared) {
      Source first = names.putIfAbsent(new Name(d.kind(), d.name()), d.source());
      if (first != null) {
        errors.add(
            new ManifestError(
                path,
                d.nameLine(),
                "metadata.name",
                d.kind() + " " + d.name() + " is already declared at " + first));
        all = false;
        continue;
      }
      errors.addAll(d.errors());
      if (!d.errors().isEmpty() || d.resource().isEmpty()) all = false;
      if (d.resource().isEmpty()) continue;
      DesiredResource r = d.resource().get();
      Source claimed = ids.putIfAbsent(r.id(), r.source());
      if (claimed != null) {
        errors.add(
            new ManifestError(
                r.source().file(),
                r.source().line(),
                "spec",
                r.id().kind() + " " + r.id().name() + " is already declared at " + claimed));
        all = false;
      } else {
        mine.add(r);
        if (r.dependsOn().isPresent()) dependents.add(r);
      }
    }
    return all;
  }

  /**
   * Resources whose {@code dependsOn} names no fitting document of this folder (checked once every
   * file is in, since the document may come in a later file).
   */
  List<ManifestError> dependencyErrors() {
    if (dependents.isEmpty()) return List.of();
    Map<String, DesiredResource> byDocument = new HashMap<>();
    accepted.values().forEach(rs -> rs.forEach(r -> byDocument.put(r.documentKey(), r)));
    List<ManifestError> errors = new ArrayList<>();
    for (DesiredResource r : dependents) {
      Optional<DesiredResource> target = r.dependsOn().map(byDocument::get);
      r.dependencyProblem(target)
          .ifPresent(
              why ->
                  errors.add(
                      new ManifestError(
                          r.source().file(), r.source().line(), "spec.version", why)));
    }
    return errors;
  }

  /** Takes back what {@code path} declared (only the names and resources it was granted). */
  void remove(String path) {
    retire(path, Optional.empty());
  }

  /**
   * Takes back what {@code path} declared, before {@link #add} brings in {@code next}, its new
   * version: only the run of declarations that differ when {@code next} was validated as an edit of
   * this very version and this version was accepted whole, else everything it was granted.
   */
  void retire(String path, Optional<FileResult> next) {
    FileResult old = files.remove(path);
    List<DesiredResource> granted = accepted.remove(path);
    boolean wasWhole = whole.remove(path);
    if (old == null) return;
    Optional<FileResult.Edit> edit =
        next.flatMap(FileResult::edit).filter(e -> e.base() == old.outcomes());
    if (edit.isPresent() && wasWhole) {
      FileResult.Edit e = edit.get();
      int from = declaredIn(old, 0, e.at());
      int removed = declaredIn(old, e.at(), e.at() + e.removed());
      takeBack(old.declared().subList(from, from + removed));
      pending.put(path, new Pending(from, removed, granted));
    } else {
      takeBack(old.declared());
    }
  }

  /** Takes back the names and resources these declarations were granted (and only those). */
  private void takeBack(List<Declared> declared) {
    for (Declared d : declared) {
      names.remove(new Name(d.kind(), d.name()), d.source());
      if (d.resource().isEmpty()) continue;
      DesiredResource r = d.resource().get();
      if (ids.remove(r.id(), r.source())) dependents.remove(r);
    }
  }

  /** How many of {@code file}'s outcomes {@code [from, to)} declare something. */
  private static int declaredIn(FileResult file, int from, int to) {
    List<FileValidation.Outcome> outcomes = file.outcomes();
    if (file.declared().size() == outcomes.size()) return to - from; // every one does
    int n = 0;
    for (int i = from; i < to; i++) if (outcomes.get(i).declared().isPresent()) n++;
    return n;
  }

  /** The accepted resources, in path order, then document order within a file. */
  List<DesiredResource> resources() {
    List<DesiredResource> all = new ArrayList<>(ids.size());
    accepted.values().forEach(all::addAll);
    return all;
  }
}
