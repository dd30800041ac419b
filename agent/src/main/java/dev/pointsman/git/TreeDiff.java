package dev.pointsman.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files under a folder that differ between two commits: a walk of the two trees that enters
 * only the subtrees whose ids differ, so a commit that edits one file of thousands walks one path.
 */
final class TreeDiff {
  private TreeDiff() {}

  /** Called for each file that differs: tree 0 is the first commit's, tree 1 the second's. */
  interface Changed {
    void accept(TreeWalk tree, String relative) throws IOException;
  }

  /** Each file under {@code prefix} ("" for all) that differs from {@code from} to {@code to}. */
  static void walk(Repository repo, ObjectId from, ObjectId to, String prefix, Changed changed)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(from).getTree());
      tree.addTree(walk.parseCommit(to).getTree());
      tree.setRecursive(true);
      tree.setFilter(
          prefix.isEmpty()
              ? TreeFilter.ANY_DIFF
              : AndTreeFilter.create(PathFilter.create(prefix), TreeFilter.ANY_DIFF));
      while (tree.next()) changed.accept(tree, relative(prefix, tree.getPathString()));
    }
  }

  /** {@code path} relative to the folder {@code prefix}. */
  static String relative(String prefix, String path) {
    return prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
  }
}
