package dev.pointsman.manifest;

import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.DesiredState;
import dev.pointsman.model.Environment;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.FileChange;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.model.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads and validates every environment folder of a commit: {@code <env>/environment.yaml} and
 * every YAML file under {@code <env>/}, subfolders included (a large fleet keeps one folder per
 * team or service group, which also keeps each Git tree, and so each commit's diff, small). Pure
 * with respect to I/O: the files come in as bytes, errors and the desired state come out. Any error
 * makes the whole commit invalid.
 */
public final class ManifestLoader {
  private static final String ENVIRONMENT_FILE = "environment.yaml";
  private static final String ENVIRONMENT_FILE_ALT = "environment.yml";

  /** Edits a rehearsal makes at most, and for how long it goes on past its first two. */
  public static final int REHEARSED_EDITS = 40;

  private static final Duration REHEARSAL_WITHIN = Duration.ofSeconds(2);

  private final ParsedFiles yaml = new ParsedFiles(new YamlReader());
  private final ValidatedFiles validated = new ValidatedFiles();
  private volatile Stats lastStats = new Stats(0, 0, 0, Duration.ZERO);
  private final EnvironmentParser environments = new EnvironmentParser();
  private final Map<String, KindParser> kinds;
  private final FileValidation fileValidation;

  /**
   * The last load, and what each of its environment folders was made of, kept only when that load
   * was valid: {@link #update} patches them with the files a commit changed.
   */
  private LoadResult last;

  private Map<String, Folder> folders;
  private int lastFiles;

  private final Clock clock;

  private ManifestLoader(List<KindParser> kinds, Clock clock) {
    this.clock = clock;
    this.kinds = kinds.stream().collect(Collectors.toMap(KindParser::kind, Function.identity()));
    this.fileValidation = new FileValidation(this.kinds, yaml, ENVIRONMENT_FILE);
  }

  /** A loader for Environment documents and the kinds {@code kinds} parse. */
  public static ManifestLoader of(List<KindParser> kinds, Clock clock) {
    return new ManifestLoader(kinds, clock);
  }

  /**
   * Rehearses a promotion in the largest manifest file of {@code files} (a commit's files: where a
   * promotion costs most to read) on a throwaway loader of the same kinds: loads that file's folder
   * and every environment file (so that references between documents and environments resolve as in
   * the commit), then up to {@code edits} next versions of the file in which one document's first
   * line gained a comment (a promotion's edit: one document's bytes, the same lines and meaning),
   * so that what a promotion in that file runs is compiled before the first promotion after a start
   * (a loop over thousands of documents is compiled once it ran a few dozen times). Past two edits
   * it stops when {@code idle} (asked before each) says no, or after {@link #REHEARSAL_WITHIN}.
   * This loader is not touched, so it may run beside a load.
   *
   * @return the file rehearsed on (its size) and how many of the edits were patched in (the file
   *     parsed again, the result valid); {@link Rehearsal#NONE} when no file loads valid
   */
  public Rehearsal rehearse(List<ManifestFile> files, int edits, BooleanSupplier idle) {
    ManifestFile largest = null;
    for (ManifestFile f : files) {
      if (loadable(f) && !environmentFile(f.path())) {
        if (largest == null || f.content().length > largest.content().length) largest = f;
      }
    }
    if (largest == null) return Rehearsal.NONE;
    String folder = largest.path().substring(0, largest.path().indexOf('/') + 1);
    List<ManifestFile> subset = new ArrayList<>();
    for (ManifestFile f : files) {
      if (loadable(f) && (environmentFile(f.path()) || f.path().startsWith(folder))) subset.add(f);
    }
    ManifestLoader throwaway = new ManifestLoader(List.copyOf(kinds.values()), clock);
    LoadResult base = throwaway.load(subset);
    if (!base.valid()) return Rehearsal.NONE;
    int patchedIn = 0;
    List<DesiredState> states = new ArrayList<>(List.of(base.state()));
    Instant until = clock.instant().plus(REHEARSAL_WITHIN);
    for (int edit = 1; edit <= edits; edit++) {
      if (edit > 2 && (clock.instant().isAfter(until) || !idle.getAsBoolean())) break;
      ManifestFile next =
          new ManifestFile(
              largest.path(),
              DocumentChunks.commented(largest.content(), "pointsman: rehearsal " + edit));
      Optional<LoadResult> patched =
          throwaway.update(base, List.of(new FileChange(largest.path(), true, Optional.of(next))));
      if (patched.isEmpty() || !patched.get().valid()) break;
      if (throwaway.lastStats().parsed() == 1) patchedIn++;
      base = patched.get();
      states.add(base.state());
    }
    return new Rehearsal(largest.content().length, patchedIn, largest.path(), List.copyOf(states));
  }

  /**
   * What {@link #rehearse} did: the size of the file rehearsed on, the edits patched in, that file,
   * and the declarations before and after each edit (what a promotion's pass then scopes).
   */
  public record Rehearsal(int bytes, int edits, String file, List<DesiredState> states) {
    public static final Rehearsal NONE = new Rehearsal(0, 0, "", List.of());
  }

  /** A manifest file in an environment folder, as a load reads it. */
  private static boolean loadable(ManifestFile f) {
    return f.path().indexOf('/') > 0
        && isManifest(f.path())
        && !hidden(f.path())
        && f.refusal().isEmpty();
  }

  public static boolean isManifest(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  /**
   * What the last {@link #load} did: files seen, files parsed (new or changed content), files whose
   * parsed trees were reused, and the time it took.
   */
  public record Stats(int files, int parsed, int reused, Duration took) {}

  public Stats lastStats() {
    return lastStats;
  }

  /**
   * Validates every file; only files whose content differs from the previous load are parsed again.
   * One loader is used by one thread at a time.
   */
  public synchronized LoadResult load(List<ManifestFile> files) {
    Instant start = clock.instant();
    yaml.begin();
    validated.begin();
    try {
      Map<String, Folder> loaded = new TreeMap<>();
      LoadResult result = loadAll(files, loaded);
      remember(result, result.valid() ? loaded : null, files.size());
      return result;
    } finally {
      validated.end();
      int parsed = yaml.end();
      lastStats =
          new Stats(
              files.size(),
              parsed,
              files.size() - parsed,
              Duration.between(start, clock.instant()));
    }
  }

  /**
   * The manifests of a commit that differs from the last one loaded ({@code base}, which must be
   * what the last {@link #load} or {@code update} returned) by {@code changes}: only the changed
   * files are parsed and validated, and only they are checked against the names and resources their
   * environment already declares, so the cost follows the change, not the repository. Empty when
   * the change cannot be patched in (a new, invalid or differently based load, an environment file
   * or folder that changed, any error at all); the caller then loads every file, which finds and
   * reports exactly what a full load always does.
   */
  public synchronized Optional<LoadResult> update(LoadResult base, List<FileChange> changes) {
    Instant start = clock.instant();
    if (base != last || folders == null) return Optional.empty();
    Map<String, List<FileChange>> byFolder = new TreeMap<>();
    int files = lastFiles;
    for (FileChange c : changes) {
      files += (c.deleted() ? 0 : 1) - (c.existed() ? 1 : 0);
      if (!isManifest(c.path()) || hidden(c.path())) continue;
      int slash = c.path().indexOf('/');
      String folder = slash < 0 ? "" : c.path().substring(0, slash);
      if (!folders.containsKey(folder) || environmentFile(c.path())) return Optional.empty();
      byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(c);
    }
    yaml.beginUpdate();
    validated.beginUpdate();
    int parsed;
    try {
      for (Map.Entry<String, List<FileChange>> e : byFolder.entrySet()) {
        if (!folders.get(e.getKey()).patch(e.getValue())) {
          folders = null; // half patched: the next load starts afresh
          return Optional.empty();
        }
      }
    } finally {
      validated.end();
      parsed = yaml.end();
    }
    List<EnvironmentManifests> envs = new ArrayList<>(folders.size());
    folders.values().forEach(f -> envs.add(f.manifests));
    LoadResult result = new LoadResult(new DesiredState(envs), List.of());
    remember(result, folders, files);
    lastStats = new Stats(files, parsed, files - parsed, Duration.between(start, clock.instant()));
    return Optional.of(result);
  }

  private void remember(LoadResult result, Map<String, Folder> loaded, int files) {
    last = result;
    folders = loaded;
    lastFiles = files;
  }

  /**
   * {@code <env>/environment.yaml} (or .yml); one in a subfolder is an ordinary file (an error).
   */
  private static boolean environmentFile(String path) {
    int slash = path.indexOf('/');
    String name = path.substring(slash + 1);
    return slash > 0 && (name.equals(ENVIRONMENT_FILE) || name.equals(ENVIRONMENT_FILE_ALT));
  }

  /** One valid environment folder of the last load, ready to take the files a commit changed. */
  private final class Folder {
    private final String name;
    private final Environment environment;
    private final FolderDeclarations declarations;
    private EnvironmentManifests manifests;

    Folder(String name, Environment environment, FolderDeclarations declarations) {
      this.name = name;
      this.environment = environment;
      this.declarations = declarations;
    }

    /** Applies changed files; false as soon as anything is invalid (the folder is then spoiled). */
    boolean patch(List<FileChange> changes) {
      Optional<Environment> env = Optional.of(environment);
      Map<String, FileResult> next = new TreeMap<>();
      for (FileChange c : changes) {
        if (c.deleted()) {
          yaml.forget(c.path());
          validated.forget(c.path());
          continue;
        }
        ManifestFile f = c.file().get();
        next.put(
            f.path(), validated.get(f, env, prior -> fileValidation.validate(name, f, env, prior)));
      }
      for (FileChange c : changes)
        declarations.retire(c.path(), Optional.ofNullable(next.get(c.path())));
      List<ManifestError> errors = new ArrayList<>();
      for (Map.Entry<String, FileResult> e : next.entrySet()) {
        declarations.add(e.getKey(), e.getValue(), errors);
        if (!errors.isEmpty()) return false;
      }
      if (!declarations.dependencyErrors().isEmpty()) return false;
      manifests = new EnvironmentManifests(environment, declarations.resources());
      return true;
    }
  }

  private LoadResult loadAll(List<ManifestFile> files, Map<String, Folder> loaded) {
    List<ManifestError> errors = new ArrayList<>();
    Map<String, List<ManifestFile>> byFolder = new TreeMap<>();
    for (ManifestFile f : files) {
      if (!isManifest(f.path()) || hidden(f.path())) continue;
      int slash = f.path().indexOf('/');
      if (slash < 0) {
        errors.add(
            new ManifestError(
                f.path(),
                0,
                "",
                "manifests must live in an environment folder (<env>/" + f.path() + ")"));
        continue;
      }
      byFolder.computeIfAbsent(f.path().substring(0, slash), k -> new ArrayList<>()).add(f);
    }
    List<EnvironmentManifests> envs = new ArrayList<>();
    byFolder.forEach(
        (folder, folderFiles) ->
            loadFolder(folder, folderFiles, errors, loaded)
                .ifPresent(
                    em -> {
                      envs.add(em);
                      Folder f = loaded.get(folder);
                      if (f != null) f.manifests = em;
                    }));
    errors.addAll(PromotionOrder.check(envs));
    errors.sort(Comparator.comparing(ManifestError::file).thenComparingInt(ManifestError::line));
    return new LoadResult(new DesiredState(envs), errors);
  }

  private Optional<EnvironmentManifests> loadFolder(
      String folder,
      List<ManifestFile> files,
      List<ManifestError> errors,
      Map<String, Folder> loaded) {
    if (!Patterns.ENVIRONMENT_NAME.matcher(folder).matches()) {
      errors.add(
          new ManifestError(
              folder + "/",
              0,
              "",
              "environment folder names are lower-case letters, digits and -"));
      return Optional.empty();
    }
    files.sort(Comparator.comparing(ManifestFile::path));
    Optional<ManifestFile> envFile =
        files.stream().filter(f -> environmentFile(f.path())).findFirst();
    if (envFile.isEmpty()) {
      errors.add(
          new ManifestError(
              folder + "/" + ENVIRONMENT_FILE,
              0,
              "",
              "environment folder " + folder + "/ has no " + ENVIRONMENT_FILE));
    }
    Optional<Environment> env = envFile.flatMap(f -> environment(folder, f, errors));
    FolderDeclarations declarations = new FolderDeclarations(files.size());
    for (ManifestFile f : files) {
      if (envFile.isPresent() && f == envFile.get()) continue;
      FileResult file =
          validated.get(f, env, prior -> fileValidation.validate(folder, f, env, prior));
      yaml.retain(f); // keeps its parsed trees for when the environment file changes
      declarations.add(f.path(), file, errors);
    }
    errors.addAll(declarations.dependencyErrors());
    env.ifPresent(e -> loaded.put(folder, new Folder(folder, e, declarations)));
    return env.map(e -> new EnvironmentManifests(e, declarations.resources()));
  }

  /** One document that declares a resource of a known kind, parsed and validated on its own. */
  record Declared(
      String kind,
      String name,
      Source source,
      int nameLine,
      List<ManifestError> errors,
      Optional<DesiredResource> resource) {}

  private Optional<Environment> environment(
      String folder, ManifestFile file, List<ManifestError> errors) {
    List<YamlDocument> docs = yaml.read(file, errors);
    if (docs.size() != 1) {
      if (!docs.isEmpty() || errors.stream().noneMatch(e -> e.file().equals(file.path()))) {
        errors.add(
            new ManifestError(
                file.path(),
                0,
                "",
                "expected exactly one Environment document, found " + docs.size()));
      }
      return Optional.empty();
    }
    Optional<DocumentHeader> header = DocumentHeader.read(docs.get(0), errors);
    if (header.isEmpty()) return Optional.empty();
    DocumentHeader h = header.get();
    if (!h.kind().equals(EnvironmentParser.KIND)) {
      errors.add(
          new ManifestError(
              file.path(),
              h.kindLine(),
              "kind",
              "expected Environment, found " + Fields.quote(h.kind())));
      return Optional.empty();
    }
    if (!h.name().equals(folder)) {
      errors.add(
          new ManifestError(
              file.path(),
              h.nameLine(),
              "metadata.name",
              "expected "
                  + Fields.quote(folder)
                  + " (the folder name), found "
                  + Fields.quote(h.name())));
      return Optional.empty();
    }
    return environments.parse(folder, h.spec(), h.source());
  }

  private static boolean hidden(String path) {
    for (String part : path.split("/")) {
      if (part.startsWith(".")) return true;
    }
    return false;
  }
}
