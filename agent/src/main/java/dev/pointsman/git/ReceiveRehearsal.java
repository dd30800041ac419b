package dev.pointsman.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
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
 */
final class ReceiveRehearsal {
  /**
   * Documents in the rehearsal's file: the size of a large manifest file, so that hashing,
   * inflating and writing it run those loops often enough for the JIT to compile them.
   */
  private static final int DOCUMENTS = 4000;

  private static final String BRANCH = Constants.R_HEADS + "main";

  /** The folder of the rehearsal's file, as a manifests path the diff is limited to. */
  private static final String FOLDER = "prod";

  private ReceiveRehearsal() {}

  /**
   * Runs in a temporary folder under {@code parent}, removed afterwards.
   *
   * @return the files the diff from the first fetched commit to the second found, each read (1:
   *     both fetches landed and the edited file was found)
   */
  static int run(Path parent) throws IOException {
    Files.createDirectories(parent);
    removeLeftovers(parent);
    Path dir = Files.createTempDirectory(parent, "rehearsal-");
    try (Repository origin = bare(dir.resolve("origin.git"));
        Repository clone = bare(dir.resolve("clone.git"));
        Git git = Git.wrap(clone)) {
      ObjectId first = commit(origin, null, 0);
      fetch(git, origin);
      commit(origin, first, 1);
      fetch(git, origin);
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
    } catch (GitAPIException e) {
      throw new IOException(e.getMessage(), e);
    } finally {
      FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
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

  /** As the clone fetches: the branch, whole objects. */
  private static void fetch(Git git, Repository origin) throws GitAPIException {
    git.fetch()
        .setRemote(origin.getDirectory().toURI().toString())
        .setRefSpecs(new RefSpec("+" + BRANCH + ":" + BRANCH))
        .setThin(false)
        .call();
  }

  /** A commit on {@code origin}'s branch whose one file has document {@code edit} edited. */
  private static ObjectId commit(Repository origin, ObjectId parent, int edit) throws IOException {
    try (ObjectInserter inserter = origin.newObjectInserter()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content(edit));
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

  private static byte[] content(int edit) {
    StringBuilder text = new StringBuilder("# pointsman: a fetch rehearsed at start\n");
    for (int i = 0; i < DOCUMENTS; i++) {
      text.append("---\nkind: Rehearsal\nmetadata:\n  name: r-").append(i).append('\n');
      if (i == DOCUMENTS / 2) text.append("spec:\n  version: ").append(edit).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
