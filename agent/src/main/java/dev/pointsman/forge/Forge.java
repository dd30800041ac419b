package dev.pointsman.forge;

/** Where previews are published: one comment per pull request, and a commit status. */
public interface Forge {
  /** The hidden marker by which the agent finds its own comment again. */
  String MARKER = "<!-- pointsman:plan -->";

  /** The commit status context a branch rule can require. */
  String CONTEXT = "pointsman/plan";

  /**
   * Creates the preview comment, or edits the one carrying {@link #MARKER}, and sets the status of
   * the head commit ({@code success} or failure, with a one-line description).
   */
  void publish(PullRequest pr, String markdown, boolean success, String description)
      throws ForgeException;
}
