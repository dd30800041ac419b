package dev.pointsman.forge;

/**
 * A pull (or merge) request as a forge's webhook names it: where it lives ({@code project} is
 * {@code owner/repo} on GitHub, the numeric project id on GitLab), its number, the head commit and
 * the ref the agent fetches it by, and the branch it would merge into.
 */
public record PullRequest(
    Kind forge, String project, int number, String headSha, String headRef, String baseBranch) {
  public enum Kind {
    GITHUB,
    GITLAB
  }

  /** One preview per pull request: the latest head wins. */
  public String key() {
    return forge + "/" + project + "#" + number;
  }

  public static PullRequest github(String repo, int number, String headSha, String baseBranch) {
    return new PullRequest(
        Kind.GITHUB, repo, number, headSha, "refs/pull/" + number + "/head", baseBranch);
  }

  public static PullRequest gitlab(String projectId, int iid, String headSha, String targetBranch) {
    return new PullRequest(
        Kind.GITLAB, projectId, iid, headSha, "refs/merge-requests/" + iid + "/head", targetBranch);
  }
}
