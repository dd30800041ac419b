package dev.pointsman.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository on disk that tests commit to and revert in, as users would. */
public final class GitFixture implements AutoCloseable {
  private final Path dir;
  private final Git git;

  public GitFixture(Path dir) throws GitAPIException {
    this.dir = dir;
    this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  public Path dir() {
    return dir;
  }

  public String url() {
    return dir.toUri().toString();
  }

  public GitFixture write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return this;
  }

  /**
   * Commits the working tree's changes as the head of pull request {@code number} (the ref {@code
   * refs/pull/<n>/head}, as GitHub keeps it) and puts main back where it was: the change exists
   * only in the pull request. Returns the head commit.
   */
  public String pullRequest(int number, String message) throws Exception {
    return pullRequest("refs/pull/" + number + "/head", message);
  }

  /** As above, with the forge's own ref name ({@code refs/merge-requests/<iid>/head} on GitLab). */
  public String pullRequest(String ref, String message) throws Exception {
    ObjectId main = git.getRepository().resolve("refs/heads/main");
    String head = commit(message);
    RefUpdate pr = git.getRepository().updateRef(ref);
    pr.setNewObjectId(ObjectId.fromString(head));
    pr.setForceUpdate(true);
    pr.update();
    git.reset().setMode(ResetCommand.ResetType.HARD).setRef(main.getName()).call();
    return head;
  }

  /** The sha main points at. */
  public String head() throws IOException {
    return git.getRepository().resolve("refs/heads/main").getName();
  }

  public String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Test Author", "author@example.com");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
  }

  /**
   * Commits with the git CLI, SSH-signed with {@code publicKey}'s private half; returns the new
   * commit.
   */
  public String commitSigned(String message, Path publicKey, String email) throws Exception {
    git.add().addFilepattern(".").call();
    run(
        "git",
        "-c",
        "user.name=Signer",
        "-c",
        "user.email=" + email,
        "-c",
        "gpg.format=ssh",
        "-c",
        "user.signingkey=" + publicKey,
        "commit",
        "-q",
        "-S",
        "-m",
        message);
    return git.getRepository().resolve("HEAD").getName();
  }

  /**
   * Commits with the git CLI, GPG-signed by {@code fingerprint} from the GnuPG home {@code
   * gnupgHome}.
   */
  public String commitGpgSigned(String message, String fingerprint, Path gnupgHome, String email)
      throws Exception {
    git.add().addFilepattern(".").call();
    run(
        java.util.Map.of("GNUPGHOME", gnupgHome.toString()),
        "git",
        "-c",
        "user.name=Signer",
        "-c",
        "user.email=" + email,
        "-c",
        "user.signingkey=" + fingerprint,
        "commit",
        "-q",
        "-S",
        "-m",
        message);
    return git.getRepository().resolve("HEAD").getName();
  }

  private void run(String... command) throws Exception {
    run(java.util.Map.of(), command);
  }

  private void run(java.util.Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0)
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
  }

  /** {@code git revert <sha>}; returns the new commit. */
  public String revert(String sha) throws GitAPIException, IOException {
    RevCommit reverted = git.revert().include(git.getRepository().resolve(sha)).call();
    return reverted.getName();
  }

  @Override
  public void close() {
    git.close();
  }
}
