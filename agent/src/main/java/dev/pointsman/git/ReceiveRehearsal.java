package dev.pointsman.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FileUtils;

/**
 * A promotion's fetch, rehearsed between two throwaway repositories: one holds a commit with a
 * large manifest file, the other fetches it, then a next commit that edits one document of it, as
 * the clone fetches a promotion (negotiation, pack receiving, indexing, hashing, ref update), then
 * finds and reads the edited file as a commit's pass does ({@link TreeDiff}). An idle poll's fetch
 * brings nothing and leaves that code cold; on a cold JVM it cost the first promotion after a start
 * 15–20 ms more than the next ones, and the first diff 2–13 ms against 0.3–2. Only the transport
 * (the clone's HTTP or SSH) is not rehearsed: the local one runs in-process, and fetching over a
 * loopback smart-HTTP server instead gained nothing measurable. Nothing of the clone is touched.
 *
 * <p>After those two fetches, more rounds (a commit of a small file, its fetch, the diff) until
 * {@link #FETCHES} fetches were made: the JIT compiles a method once it was called about 200 times
 * (HotSpot's {@code Tier3InvocationThreshold}), and much of a fetch's code runs once per fetch, so
 * a promotion after a start ran it interpreted for its first hundreds of fetches
 * (docs/benchmarks.md).
 */
final class ReceiveRehearsal {
  /**
   * Documents in the rehearsal's file: the size of a large manifest file, so that hashing,
   * inflating and writing it run those loops often enough for the JIT to compile them.
   */
  private static final int DOCUMENTS = 4000;

  /** Documents in the file of the rounds after the first two fetches: cheap to commit and fetch. */
  private static final int SMALL = 8;

  /** Fetches made at most: a method called this often is compiled (see above). */
  static final int FETCHES = 250;

  /** No round begun after this long from the rehearsal's start (a slow or busy machine). */
  static final Duration ROUNDS_WITHIN = Duration.ofSeconds(4);

  private static final String BRANCH = Constants.R_HEADS + "main";

  /** The folder of the rehearsal's file, as a manifests path the diff is limited to. */
  private static final String FOLDER = "prod";

  private ReceiveRehearsal() {}

  /**
   * What a rehearsal did.
   *
   * @param read the files the diff from the first fetched commit to the second found, each read (1:
   *     both fetches landed and the edited file was found)
   * @param fetches the fetches made
   */
  record Result(int read, int fetches) {}

  /**
   * Runs in a temporary folder under {@code parent}, removed afterwards: the two fetches and the
   * diff, then rounds until {@code fetches} fetches were made, none begun after {@link
   * #ROUNDS_WITHIN} nor once {@code idle} says false ({@code idle} may wait: it is asked before
   * each round).
   */
  static Result run(Path parent, int fetches, BooleanSupplier idle) throws IOException {
    Files.createDirectories(parent);
    removeLeftovers(parent);
    Path dir = Files.createTempDirectory(parent, "rehearsal-");
    try (Repository origin = bare(dir.resolve("origin.git"));
        Repository clone = bare(dir.resolve("clone.git"));
        Git git = Git.wrap(clone)) {
      CloneGc.configure(clone); // as the clone's: no packing after a fetch
      long until = System.nanoTime() + ROUNDS_WITHIN.toNanos();
      ObjectId tip = commit(origin, null, 0, DOCUMENTS);
      fetch(git, origin, tip);
      tip = commit(origin, tip, 1, DOCUMENTS);
      fetch(git, origin, tip);
      int read = diff(clone);
      int made = 2;
      while (made < fetches && System.nanoTime() < until && idle.getAsBoolean()) {
        tip = commit(origin, tip, made, SMALL);
        fetch(git, origin, tip);
        diff(clone);
        made++;
      }
      return new Result(read, made);
    } catch (GitAPIException e) {
      throw new IOException(e.getMessage(), e);
    } finally {
      FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
  }

  /** The files the diff from the fetched tip's parent to the tip found, each read. */
  private static int diff(Repository clone) throws IOException {
    RevCommit tip = clone.parseCommit(clone.resolve(BRANCH));
    if (tip.getParentCount() != 1) return 0;
    int[] read = {0};
    TreeDiff.walk(
        clone,
        tip.getParent(0),
        tip,
        FOLDER,
        (tree, relative) -> {
          if (GitSource.read(clone, tree.getObjectId(1)).length > 0) read[0]++;
        });
    return read[0];
  }

  /** What a rehearsal cut short by a stop left behind (one agent uses a work directory). */
  private static void removeLeftovers(Path parent) throws IOException {
    try (DirectoryStream<Path> left = Files.newDirectoryStream(parent, "rehearsal-*")) {
      for (Path p : left) {
        FileUtils.delete(p.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
      }
    }
  }

  private static Repository bare(Path dir) throws IOException {
    Repository repo = FileRepositoryBuilder.create(dir.toFile());
    repo.create(true);
    return repo;
  }

  /** As the clone fetches: the branch, whole objects; the branch must have come to {@code tip}. */
  private static void fetch(Git git, Repository origin, ObjectId tip)
      throws GitAPIException, IOException {
    git.fetch()
        .setRemote(origin.getDirectory().toURI().toString())
        .setRefSpecs(new RefSpec("+" + BRANCH + ":" + BRANCH))
        .setThin(false)
        .call();
    if (!tip.equals(git.getRepository().resolve(BRANCH)))
      throw new IOException("a rehearsed fetch did not bring " + tip.name());
  }

  /**
   * A commit on {@code origin}'s branch whose one file of {@code documents} documents has its
   * middle one edited ({@code edit}).
   */
  private static ObjectId commit(Repository origin, ObjectId parent, int edit, int documents)
      throws IOException {
    try (ObjectInserter inserter = origin.newObjectInserter()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content(edit, documents));
      TreeFormatter folder = new TreeFormatter();
      folder.append("functions.yaml", FileMode.REGULAR_FILE, blob);
      TreeFormatter root = new TreeFormatter();
      root.append(FOLDER, FileMode.TREE, inserter.insert(folder));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(root));
      if (parent != null) commit.setParentId(parent);
      PersonIdent who =
          new PersonIdent("pointsman", "pointsman@localhost", Instant.EPOCH, ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("rehearsal " + edit);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate ref = origin.updateRef(BRANCH);
      ref.setNewObjectId(id);
      ref.setForceUpdate(true);
      RefUpdate.Result result = ref.update();
      if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
        throw new IOException("rehearsal branch not updated: " + result);
      }
      return id;
    }
  }

  private static byte[] content(int edit, int documents) {
    StringBuilder text = new StringBuilder("# pointsman: a fetch rehearsed at start\n");
    for (int i = 0; i < documents; i++) {
      text.append("---\nkind: Rehearsal\nmetadata:\n  name: r-").append(i).append('\n');
      if (i == documents / 2) text.append("spec:\n  version: ").append(edit).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
