package dev.pointsman.cli;

import dev.pointsman.git.GitException;
import dev.pointsman.git.GitSource;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.manifest.DirectoryFiles;
import dev.pointsman.manifest.LoadResult;
import dev.pointsman.model.Commit;
import dev.pointsman.model.EnvironmentManifests;
import dev.pointsman.model.ManifestFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pointsman validate}: checks every manifest without touching AWS. Given a local directory
 * it reads the files as they are on disk (a pull-request checkout), Git or not; given a URL it
 * reads the tip of the followed branch.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Validate the manifests (no AWS access). Exit 0 valid, 1 invalid.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin SourceOptions source;

  @Override
  public Integer call() throws IOException {
    Printer printer = new Printer(System.out);
    List<ManifestFile> files;
    Path local = Path.of(source.repo);
    if (!source.repo.contains("://") && Files.isDirectory(local)) {
      Path root = local.resolve(source.path).normalize();
      files = DirectoryFiles.read(root);
      System.out.println("Directory " + root);
    } else {
      try (GitSource git = new GitSource(GitOptions.settings(source))) {
        Commit commit = git.sync();
        printer.commit(commit);
        files = git.files(commit.sha(), source.path);
      } catch (GitException e) {
        System.err.println("error: " + e.getMessage());
        return 1;
      }
    }
    LoadResult result = Kinds.manifestLoader().load(files);
    if (!result.valid()) {
      printer.rejections(result.errors());
      return 1;
    }
    int resources =
        result.state().environments().stream().mapToInt(e -> e.resources().size()).sum();
    List<String> envs =
        result.state().environments().stream()
            .map(EnvironmentManifests::environment)
            .map(e -> e.name())
            .toList();
    System.out.println(
        "Valid: " + envs.size() + " environment(s) " + envs + ", " + resources + " resource(s).");
    return 0;
  }
}
