import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import dev.pointsman.git.HttpKeepAlive;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.FileChange;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.manifest.ManifestLoader;
import dev.pointsman.model.Commit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a promotion costs the agent before any AWS call, by fleet size and repository layout: Git
 * fetch of the new commit, the diff against the live commit (with the changed blobs), and the
 * manifests update. Runs the agent's own classes (GitSource, ManifestLoader) from the jar against a
 * real repository changed by C git, commit after commit.
 *
 * <p>Usage (bench/commit-path does all of it): java -cp agent/target/pointsman.jar
 * bench/CommitPath.java SIZES LAYOUTS COMMITS [GIT_HTTP_SERVER_COMMAND...]; SIZES like 30,300,3000,
 * LAYOUTS like flat,nested,shared (shared: one alias per function, every document in one file, as
 * teams keep an environment's prod aliases). With a server command (which must print the URL it serves the bare
 * repository given as its last argument on), the agent fetches over smart HTTP; else file://.
 */
public class CommitPath {
  private static final String ENV = "fleet";
  /**
   * Packs the clone when it holds many packs, as the agent does at an idle poll (not timed as part
   * of a commit); -Duntidy=true leaves every fetch's pack in place.
   */
  private static final boolean TIDY = !Boolean.getBoolean("untidy");

  /** The fetch's CPU time on the fetching thread: the client's own work, not the server's. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /** C git fetches each commit too (see {@link #run}), its median in a last column. */
  private static final boolean CGIT = Boolean.getBoolean("cgit");

  /**
   * Seconds without a request before each commit's fetch (after its push), as a promotion comes
   * some time after the agent's last poll: what an idle connection to the server is then worth.
   */
  private static final int IDLE = Integer.getInteger("idle", 0);

  public static void main(String[] args) throws Exception {
    // As `pointsman run` does with its default --interval (30 s); -Dhttp.keepAlive.time.server=5
    // gives the JDK's own keep-alive back, to compare.
    HttpKeepAlive.configure(Duration.ofSeconds(30));
    int commits = Integer.parseInt(args[2]);
    List<String> server = Arrays.asList(args).subList(3, args.length);
    System.out.printf(
        "| N | layout | remote | fetch (ms) | of which CPU (ms) | diff (ms) | manifests update (ms) |"
            + " total (ms) |%s%n",
        CGIT ? " C git fetch (ms) |" : "");
    System.out.printf("|---:|---|---|---:|---:|---:|---:|---:|%s%n", CGIT ? "---:|" : "");
    for (String size : args[0].split(",")) {
      for (String layout : args[1].split(",")) {
        double[] medians = run(Integer.parseInt(size), layout, commits, server);
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f |%s%n",
            size,
            layout,
            server.isEmpty() ? "file://" : server.contains("--tls") ? "smart HTTPS" : "smart HTTP",
            medians[0],
            medians[4],
            medians[1],
            medians[2],
            medians[3],
            CGIT ? String.format(Locale.ROOT, " %.1f |", medians[5]) : "");
      }
    }
  }

  /**
   * Medians of fetch, diff, update, their total, the fetch's CPU and C git's fetch (0 without
   * -Dcgit=true) over the second half of the commits.
   */
  private static double[] run(int n, String layout, int commits, List<String> server)
      throws Exception {
    boolean nested = layout.equals("nested");
    boolean shared = layout.equals("shared");
    int[] versions = new int[n];
    Arrays.fill(versions, 1);
    Path root = Files.createTempDirectory("commit-path");
    Path bare = root.resolve("fleet.git");
    Path work = root.resolve("work");
    git(root, "init", "-q", "--bare", "-b", "main", bare.toString());
    git(root, "init", "-q", "-b", "main", work.toString());
    write(work, ENV + "/environment.yaml", environment());
    if (shared) write(work, ENV + "/functions.yaml", shared(versions));
    else for (int i = 0; i < n; i++) write(work, path(i, nested), function(i, 1));
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "fleet");
    git(work, "push", "-q", bare.toString(), "main");
    Process serving = null;
    String url = bare.toUri().toString();
    if (!server.isEmpty()) {
      List<String> command = new ArrayList<>(server);
      command.add(bare.toString());
      serving = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      url = new BufferedReader(new InputStreamReader(serving.getInputStream())).readLine();
    }
    GitSettings settings =
        new GitSettings(
            url, Optional.of("main"), root.resolve("agent"), Optional.empty(), Optional.empty());
    try (GitSource source = new GitSource(settings)) {
      ManifestLoader loader = Kinds.manifestLoader();
      Commit live = source.sync();
      LoadResult loaded = loader.load(source.files(live.sha(), ""));
      if (!loaded.valid()) throw new IllegalStateException(loaded.errors().toString());
      if (Boolean.getBoolean("rehearse")) {
        source.rehearseReceive(() -> true);
        loader.rehearse(source.files(live.sha(), ""), ManifestLoader.REHEARSED_EDITS, () -> true);
      }
      for (int poll = 0; poll < Integer.getInteger("polls", 0); poll++) source.sync();
      int previews = Integer.getInteger("previews", 0);
      if (previews > 0) leavePreviewRefs(previews, root, bare);
      // -Dcgit=true: C git fetches each commit too, into a bare clone of its own over the same
      // remote (its defaults: a thin pack, a few objects unpacked as loose ones), timed with its
      // process start: what any Git client pays for the commit, to set the agent's fetch against.
      Path cgit = root.resolve("cgit.git");
      if (CGIT) git(root, "clone", "-q", "--bare", url, cgit.toString());
      long[][] took = new long[commits][6];
      List<Double> tidied = new ArrayList<>();
      for (int c = 0; c < commits; c++) {
        int i = (c * 7919 + 11) % n;
        versions[i] = c + 2;
        if (shared) write(work, ENV + "/functions.yaml", shared(versions));
        else write(work, path(i, nested), function(i, c + 2));
        git(work, "commit", "-q", "-am", "promote " + i);
        git(work, "push", "-q", bare.toString(), "main");
        if (IDLE > 0) Thread.sleep(IDLE * 1000L);
        long t0 = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        Commit next = source.sync();
        long cpu1 = CPU.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        if (TIDY) source.tidy().ifPresent(d -> tidied.add(d.toNanos() / 1e6));
        List<FileChange> changes = source.changes(live.sha(), next.sha(), "");
        long t2 = System.nanoTime();
        loaded = loader.update(loaded, changes).orElseThrow();
        long t3 = System.nanoTime();
        if (changes.size() != 1 || !loaded.valid()) {
          throw new IllegalStateException("commit " + c + ": " + changes + " " + loaded.errors());
        }
        live = next;
        long cgitTook = 0;
        if (CGIT) {
          long t4 = System.nanoTime();
          git(cgit, "fetch", "-q", "origin", "+refs/heads/main:refs/heads/main");
          cgitTook = System.nanoTime() - t4;
        }
        took[c] = new long[] {t1 - t0, t2 - t1, t3 - t2, t3 - t0, cpu1 - cpu0, cgitTook};
        if (c < Integer.getInteger("firsts", 0))
          System.err.printf(Locale.ROOT, "commit %d: fetch %.1f diff %.1f update %.1f%n", c, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
      }
      if (TIDY) System.err.println("packed again (ms): " + tidied + "; packs now " + source.packs());
      if (serving != null) System.err.println("the server's count: " + stats(url));
      double[] medians = new double[6];
      for (int k = 0; k < 6; k++) {
        long[] column = new long[commits - commits / 2];
        for (int c = commits / 2; c < commits; c++) column[c - commits / 2] = took[c][k];
        Arrays.sort(column);
        medians[k] = column[column.length / 2] / 1e6;
      }
      return medians;
    } finally {
      if (serving != null) {
        serving.destroy();
        serving.waitFor();
      }
      delete(root);
    }
  }

  /**
   * What the benchmark's server counted (connections accepted, requests served) since it started;
   * the question is a request too (on the agent's idle connection when the JVM still keeps one), and
   * C git's fetches (-Dcgit=true) count as well.
   */
  private static String stats(String url) throws IOException {
    URL root = URI.create(url).resolve("/_stats").toURL();
    try (var in = root.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The repositories and the agent's clone of one run: 55-70 MB at N=3000. */
  private static void delete(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static String path(int i, boolean nested) {
    String file = String.format("fn-%05d.yaml", i);
    return nested ? String.format("%s/fn-%02d/%s", ENV, i / 100, file) : ENV + "/" + file;
  }

  /** Every function's live alias, one document each, in one file. */
  private static String shared(int[] versions) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < versions.length; i++) {
      text.append(
          String.format(
              "---\napiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata:\n  name: fn-%d-live\n"
                  + "spec:\n  functionName: bench-fn-%05d\n  alias: live\n  version: %d\n",
              i, i, versions[i]));
    }
    return text.toString();
  }

  private static String environment() {
    return "apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata:\n  name: fleet\nspec:\n"
        + "  region: us-east-1\n  accountId: \"000000000000\"\n  drift: report\n";
  }

  private static String function(int i, int live) {
    StringBuilder text = new StringBuilder();
    for (String alias : List.of("live", "canary", "stable")) {
      text.append(
          String.format(
              "---\napiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata:\n  name: fn-%d-%s\n"
                  + "spec:\n  functionName: bench-fn-%05d\n  alias: %s\n  version: %d\n",
              i, alias, i, alias, alias.equals("live") ? live : 1));
    }
    return text.toString();
  }

  private static void write(Path root, String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /**
   * As agents before 2026-12-01 left them: one ref per pull request ever previewed, in the clone
   * for good. K commits, each one file ahead of main, fetched into the clone at once.
   */
  private static void leavePreviewRefs(int k, Path root, Path bare) throws Exception {
    StringBuilder commits = new StringBuilder();
    for (int i = 0; i < k; i++) {
      commits.append(
          String.format(
              Locale.ROOT,
              "commit refs/pull/%d/head%ncommitter A <a@example.com> %d +0000%ndata 3%npr%n"
                  + "from refs/heads/main^0%nM 644 inline pr/%d.txt%ndata 2%n%d%n%n",
              i,
              1700000000 + i,
              i,
              i % 10));
    }
    Process fastImport =
        new ProcessBuilder("git", "-C", bare.toString(), "fast-import", "--quiet")
            .redirectErrorStream(true)
            .start();
    fastImport.getOutputStream().write(commits.toString().getBytes(StandardCharsets.UTF_8));
    fastImport.getOutputStream().close();
    String said = new String(fastImport.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (fastImport.waitFor() != 0) throw new IllegalStateException("git fast-import: " + said);
    Path clone;
    try (var dirs = Files.list(root.resolve("agent/repos"))) {
      clone = dirs.findFirst().orElseThrow();
    }
    git(root, "-C", clone.toString(), "fetch", "-q", bare.toString(),
        "+refs/pull/*:refs/pointsman/preview/pull/*");
    // The forge's refs/pull/* go again: this measures what the clone keeps.
    Process delete =
        new ProcessBuilder(
                "sh", "-c", "git for-each-ref --format='delete %(refname)' refs/pull/"
                    + " | git update-ref --stdin")
            .directory(bare.toFile())
            .redirectErrorStream(true)
            .start();
    String deleting = new String(delete.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (delete.waitFor() != 0) throw new IllegalStateException("git update-ref: " + deleting);
    System.err.println(k + " preview refs left in the clone");
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Bench"));
    command.addAll(List.of("-c", "user.email=bench@example.com"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed");
  }
}
