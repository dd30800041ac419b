package dev.pointsman.git;

import dev.pointsman.model.Commit;
import dev.pointsman.model.FileChange;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.secrets.Scrubber;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.FileUtils;

/**
 * Follows one branch of one repository. A bare clone lives in the work dir; each sync fetches only
 * the followed ref. Files are read straight from the commit's tree, so what is validated and
 * applied is exactly the commit, never a half-updated working tree.
 */
public final class GitSource implements AutoCloseable {
  private static final String TRACKING_REF = "refs/pointsman/followed";

  /** More packs than this in the clone and {@link #tidy} packs them into one. */
  public static final int PACK_LIMIT = 16;

  /**
   * Seconds a fetch waits to connect, and then for the server's next bytes, before it fails (and
   * the next poll or push tries again). JGit waits for ever by default: a forge, proxy or middlebox
   * that stops answering mid-fetch held the loop, promotions and sweeps with it. Generous: a forge
   * streams progress while it prepares a large pack.
   */
  static final int TIMEOUT_SECONDS = 120;

  private final GitSettings settings;
  private final TransportConfigCallback transport;
  private final int timeoutSeconds;
  private Git git;
  private Map<ObjectId, byte[]> blobs = new HashMap<>();
  private final PreviewRefs previews = new PreviewRefs();

  public GitSource(GitSettings settings) {
    this(settings, TIMEOUT_SECONDS);
  }

  GitSource(GitSettings settings, int timeoutSeconds) {
    this.settings = settings;
    this.transport = GitTransport.callback(settings);
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Fetches and returns the commit at the tip of the followed branch. */
  public synchronized Commit sync() throws GitException {
    try {
      Git g = open();
      String source = settings.branch().map(b -> Constants.R_HEADS + b).orElse(Constants.HEAD);
      fetch(g, source, TRACKING_REF)
          // Whole objects, not deltas against what the clone has: a thin pack is completed here
          // (its delta bases copied in and compressed again), which for a promotion in a file of
          // thousands of documents cost more than receiving the file's blob whole.
          .setThin(false)
          .call();
      ObjectId tip = g.getRepository().resolve(TRACKING_REF);
      if (tip == null) {
        throw new GitException(
            "branch "
                + settings.branch().orElse("HEAD")
                + " not found in "
                + Redact.urls(settings.repo()),
            null);
      }
      return commit(g.getRepository(), tip);
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw fetchFailed(settings.branch().map(b -> "branch " + b).orElse("the default branch"), e);
    }
  }

  /**
   * Fetches any ref of the remote ({@code refs/pull/7/head}, {@code refs/merge-requests/3/head}, a
   * branch or tag name) into a private ref of the clone, kept until the returned pin is closed; the
   * followed branch is left as it is.
   */
  public synchronized PinnedCommit pin(String ref) throws GitException {
    String full = ref.startsWith("refs/") ? ref : Constants.R_HEADS + ref;
    if (!full.matches("refs/[A-Za-z0-9._/-]{1,250}") || full.contains("..")) {
      throw new GitException("not a ref name: " + ref, null);
    }
    String local = previews.pin();
    boolean kept = false;
    try {
      Git g = open();
      fetch(g, full, local).call();
      ObjectId tip = g.getRepository().resolve(local);
      if (tip == null)
        throw new GitException(ref + " not found in " + Redact.urls(settings.repo()), null);
      PinnedCommit pinned = new PinnedCommit(commit(g.getRepository(), tip), () -> unpin(local));
      kept = true;
      return pinned;
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw fetchFailed(ref, e);
    } finally {
      if (!kept) unpin(local);
    }
  }

  /** A fetch of the remote's {@code from} into the clone's {@code to}, forced, with the timeout. */
  private FetchCommand fetch(Git g, String from, String to) {
    return g.fetch()
        .setRemote("origin")
        .setRefSpecs(new RefSpec("+" + from + ":" + to))
        .setTimeout(timeoutSeconds)
        .setTransportConfigCallback(transport);
  }

  /**
   * Why fetching {@code what} failed, URLs redacted. JGit says "Connection time out" also when the
   * server stopped answering mid-fetch, so a timeout says how long it waited.
   */
  private GitException fetchFailed(String what, Exception e) {
    String waited = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        waited = " (no answer from the server within " + timeoutSeconds + " s)";
        break;
      }
    }
    return new GitException(
        "cannot fetch "
            + what
            + " of "
            + Redact.urls(settings.repo())
            + ": "
            + Redact.urls(String.valueOf(e.getMessage()))
            + waited,
        null);
  }

  private synchronized void unpin(String local) {
    if (git != null) previews.unpin(git.getRepository(), local);
  }

  /** Empty when {@code sha} is signed by a key {@code signatures} trusts; otherwise why not. */
  public Optional<String> untrustedSignature(String sha, CommitSignatures signatures) {
    try {
      return signatures.untrusted(open().getRepository(), sha);
    } catch (IOException | GitAPIException e) {
      return Optional.of("cannot read commit " + sha + ": " + e.getMessage());
    }
  }

  /** The commit {@code sha} of the clone (author, subject). */
  public Commit commit(String sha) throws GitException {
    try {
      return commit(open().getRepository(), ObjectId.fromString(sha));
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw new GitException("cannot read commit " + sha + ": " + e.getMessage(), e);
    }
  }

  /** Files under {@code path} that differ between two commits, relative to {@code path}. */
  public Set<String> changedFiles(String fromSha, String toSha, String path) throws GitException {
    Set<String> files = new HashSet<>();
    diff(fromSha, toSha, path, (tree, relative) -> files.add(relative));
    return files;
  }

  /**
   * What changed under {@code path} from one commit to the next, with the new content of each
   * changed file: a commit that edits one file of thousands costs one blob read (plus the walk of
   * the trees that differ), not a read of the whole tree.
   */
  public synchronized List<FileChange> changes(String fromSha, String toSha, String path)
      throws GitException {
    List<FileChange> changes = new ArrayList<>();
    diff(
        fromSha,
        toSha,
        path,
        (tree, relative) -> {
          boolean existed = tree.getFileMode(0) != FileMode.MISSING;
          if (existed) blobs.remove(tree.getObjectId(0)); // the cache holds about one commit
          Optional<ManifestFile> now =
              tree.getFileMode(1) == FileMode.MISSING
                  ? Optional.empty()
                  : Optional.of(file(tree, 1, relative, blobs));
          changes.add(new FileChange(relative, existed, now));
        });
    return changes;
  }

  private void diff(String fromSha, String toSha, String path, TreeDiff.Changed changed)
      throws GitException {
    try {
      TreeDiff.walk(
          open().getRepository(),
          ObjectId.fromString(fromSha),
          ObjectId.fromString(toSha),
          normalise(path),
          changed);
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw new GitException(
          "cannot compare commits " + fromSha + " and " + toSha + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every file under {@code path} at {@code sha}, paths relative to {@code path}. Blobs are
   * immutable: those of the previous call are kept by object id, so a commit that changes one file
   * reads one blob (callers must not modify the returned contents).
   */
  public synchronized List<ManifestFile> files(String sha, String path) throws GitException {
    String prefix = normalise(path);
    try (RevWalk walk = new RevWalk(open().getRepository());
        TreeWalk tree = new TreeWalk(git.getRepository())) {
      tree.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
      tree.setRecursive(true);
      if (!prefix.isEmpty()) tree.setFilter(PathFilter.create(prefix));
      List<ManifestFile> files = new ArrayList<>();
      Map<ObjectId, byte[]> seen = new HashMap<>();
      while (tree.next()) {
        files.add(file(tree, 0, TreeDiff.relative(prefix, tree.getPathString()), seen));
      }
      blobs = seen;
      return files;
    } catch (IOException | GitAPIException e) {
      throw new GitException("cannot read commit " + sha + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file at tree {@code index} of {@code tree}; its blob comes from {@code cache} when known
   * (blobs never change) and is added to it.
   */
  private ManifestFile file(TreeWalk tree, int index, String relative, Map<ObjectId, byte[]> cache)
      throws IOException {
    FileMode mode = tree.getFileMode(index);
    if (mode == FileMode.SYMLINK || mode == FileMode.GITLINK) {
      return ManifestFile.refused(relative, "symbolic links and submodules are not followed");
    }
    ObjectId id = tree.getObjectId(index);
    byte[] content = cache.get(id);
    if (content == null) content = blobs.get(id);
    if (content == null) content = read(git.getRepository(), id);
    cache.put(id.copy(), content);
    return new ManifestFile(relative, content);
  }

  static byte[] read(Repository repo, ObjectId id) throws IOException {
    try (InputStream in = repo.open(id).openStream()) {
      return in.readNBytes(ManifestFile.MAX_BYTES + 1);
    }
  }

  private static Commit commit(Repository repo, ObjectId id) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(id);
      PersonIdent author = c.getAuthorIdent();
      // Commit text is free text from anyone with push access: scrub it once, here, for every
      // output.
      List<String> override = c.getFooterLines(Commit.OVERRIDE_TRAILER);
      return new Commit(
          c.getName(),
          Scrubber.scrub(author.getName()),
          Scrubber.scrub(c.getShortMessage()),
          author.getWhenAsInstant(),
          override.isEmpty() || override.get(override.size() - 1).isBlank()
              ? Optional.empty()
              : Optional.of(Scrubber.scrub(override.get(override.size() - 1).strip())));
    }
  }

  private Git open() throws IOException, GitAPIException {
    if (git != null) return git;
    git = openOrInit();
    CloneGc.configure(git.getRepository());
    return git;
  }

  private Git openOrInit() throws IOException, GitAPIException {
    Path dir = settings.workdir().resolve("repos").resolve(digest(settings.repo()) + ".git");
    if (Files.isDirectory(dir)) {
      try {
        return Git.open(dir.toFile());
      } catch (IOException corrupt) {
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
      }
    }
    Files.createDirectories(dir);
    Git created = Git.init().setBare(true).setDirectory(dir.toFile()).call();
    var config = created.getRepository().getConfig();
    config.setString("remote", "origin", "url", remoteUrl(settings.repo()));
    config.save();
    return created;
  }

  /**
   * Packs the clone into one pack when fetches have left more than {@link #PACK_LIMIT} (each fetch
   * that brings objects adds a pack, and every object lookup — a fetch's negotiation and delta
   * resolution, each diff and blob read — looks through all of them, so without this every
   * promotion would make the next one slower). JGit's gc: reachable objects into one pack, loose
   * refs packed, what no ref reaches dropped (see {@link CloneGc}). Preview refs no pin holds are
   * deleted first, packs or not. Returns how long the packing took, or empty when there was nothing
   * to pack.
   */
  public synchronized Optional<Duration> tidy() throws GitException {
    try {
      Git g = open();
      previews.sweep(g.getRepository());
      if (packs() <= PACK_LIMIT) return Optional.empty();
      long start = System.nanoTime();
      g.gc().call();
      return Optional.of(Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw new GitException(
          "cannot pack the clone of "
              + Redact.urls(settings.repo())
              + ": "
              + Redact.urls(String.valueOf(e.getMessage())),
          null);
    }
  }

  /**
   * Runs the code a fetch that brings objects runs, between two throwaway repositories, in rounds
   * until the JIT compiled it (see {@link ReceiveRehearsal}), each round after {@code idle} said
   * true; the clone is not touched, nor locked. Returns the fetches made.
   */
  public int rehearseReceive(BooleanSupplier idle) throws GitException {
    try {
      return ReceiveRehearsal.run(
              settings.workdir().resolve("repos"), ReceiveRehearsal.FETCHES, idle)
          .fetches();
    } catch (IOException | RuntimeException e) {
      throw new GitException("cannot rehearse a fetch: " + e.getMessage(), e);
    }
  }

  /** How many packs the clone holds. */
  public synchronized int packs() throws GitException {
    try (var list =
        Files.list(open().getRepository().getDirectory().toPath().resolve("objects/pack"))) {
      return (int) list.filter(p -> p.getFileName().toString().endsWith(".pack")).count();
    } catch (NoSuchFileException none) {
      return 0;
    } catch (IOException | GitAPIException e) {
      throw new GitException("cannot list the packs of the clone: " + e.getMessage(), e);
    }
  }

  /**
   * A local path becomes an absolute file URI: the bare clone lives elsewhere, so relative fails.
   */
  static String remoteUrl(String repo) {
    boolean url = repo.contains("://") || repo.matches("^[\\w.-]+@[\\w.-]+:.*");
    return url ? repo : Path.of(repo).toAbsolutePath().normalize().toUri().toString();
  }

  private static String normalise(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p.equals(".") ? "" : p;
  }

  private static String digest(String repo) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(repo.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (git != null) git.close();
  }
}
