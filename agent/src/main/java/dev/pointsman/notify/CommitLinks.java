package dev.pointsman.notify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A web link to a commit for repositories on GitHub, GitLab or Bitbucket (HTTPS or SSH URLs). */
public final class CommitLinks {
  private static final Pattern HTTPS =
      Pattern.compile("https://(?:[^@/]+@)?([^/]+)/(.+?)(?:\\.git)?/?$");
  private static final Pattern SSH =
      Pattern.compile("(?:ssh://)?git@([^:/]+)[:/](.+?)(?:\\.git)?/?$");

  private CommitLinks() {}

  public static Optional<String> of(String repoUrl, String sha) {
    Matcher m = HTTPS.matcher(repoUrl);
    if (!m.matches()) m = SSH.matcher(repoUrl);
    if (!m.matches()) return Optional.empty();
    String host = m.group(1);
    String path = m.group(2);
    if (host.contains("github"))
      return Optional.of("https://" + host + "/" + path + "/commit/" + sha);
    if (host.contains("gitlab"))
      return Optional.of("https://" + host + "/" + path + "/-/commit/" + sha);
    if (host.contains("bitbucket"))
      return Optional.of("https://" + host + "/" + path + "/commits/" + sha);
    return Optional.empty();
  }
}
