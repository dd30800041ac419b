package dev.pointsman.manifest;

import dev.pointsman.manifest.ManifestLoader.Declared;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.ResourceId;
import dev.pointsman.model.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * way. A declaration both versions of a file share (an unchanged document keeps its objects, see
 * {@link FileValidation}) keeps its entries: an edit of one document of a file of thousands touches
 * that document's entries, not the file's.
 */
final class FolderDeclarations {
  /** A document's kind and metadata.name: unique within an environment. */
  private record Name(String kind, String name) {}

  private final Map<String, ManifestLoader.FileResult> files = new TreeMap<>();
  private final Map<String, List<DesiredResource>> accepted = new TreeMap<>();
  private final Map<Name, Source> names;
  private final Map<ResourceId, Source> ids;
  private final Set<DesiredResource> dependents = new LinkedHashSet<>();

  /**
   * Per file being replaced: the declarations its new version shares with the old, and were
   * accepted.
   */
  private final Map<String, Set<Declared>> kept = new HashMap<>();

  FolderDeclarations(int files) {
    names = ParsedFiles.sized(files * 4);
    ids = ParsedFiles.sized(files * 4);
  }

  /**
   * Adds what {@code file} (validated on its own) declares; reports to {@code errors} its own
   * errors and every name or resource another file of the folder declared first.
   */
  void add(String path, ManifestLoader.FileResult file, List<ManifestError> errors) {
    errors.addAll(file.errors());
    List<DesiredResource> mine = new ArrayList<>();
    Set<Declared> mineAlready = kept.getOrDefault(path, Set.of());
    kept.remove(path);
    for (Declared d : file.declared()) {
      if (mineAlready.contains(d)) {
        errors.addAll(d.errors());
        mine.add(d.resource().orElseThrow());
        continue;
      }
      Source first = names.putIfAbsent(new Name(d.kind(), d.name()), d.source());
      if (first != null) {
        errors.add(
            new ManifestError(
                path,
                d.nameLine(),
                "metadata.name",
                d.kind() + " " + d.name() + " is already declared at " + first));
        continue;
      }
      errors.addAll(d.errors());
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
      } else {
        mine.add(r);
        if (r.dependsOn().isPresent()) dependents.add(r);
      }
    }
    files.put(path, file);
    accepted.put(path, mine);
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
   * Takes back what {@code path} declared and {@code next}, its new version (which {@link #add}
   * brings in next), does not declare alike: the declarations both share (the same objects) keep
   * their names and resources.
   */
  void retire(String path, Optional<ManifestLoader.FileResult> next) {
    ManifestLoader.FileResult old = files.remove(path);
    List<DesiredResource> granted = accepted.remove(path);
    if (old == null) return;
    Set<Declared> staying = identitySet();
    next.ifPresent(n -> staying.addAll(n.declared()));
    Set<DesiredResource> grantedSet = identitySet();
    grantedSet.addAll(granted);
    Set<Declared> keep = identitySet();
    for (Declared d : old.declared()) {
      DesiredResource r = d.resource().orElse(null);
      boolean wasGranted = r != null && grantedSet.contains(r);
      if (staying.contains(d) && wasGranted) {
        keep.add(d);
        continue;
      }
      names.remove(new Name(d.kind(), d.name()), d.source());
      if (wasGranted) {
        ids.remove(r.id(), r.source());
        dependents.remove(r);
      }
    }
    if (!keep.isEmpty()) kept.put(path, keep);
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** The accepted resources, in path order, then document order within a file. */
  List<DesiredResource> resources() {
    List<DesiredResource> all = new ArrayList<>(ids.size());
    accepted.values().forEach(all::addAll);
    return all;
  }
}
