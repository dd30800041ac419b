package dev.pointsman.adopt;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.model.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * {@code pointsman import}: reads what runs in one account and Region and writes the manifests of
 * one environment folder in the style of manifests-example. It never overwrites a file unless asked
 * to, and never writes outside {@code <out>/<environment>/} (and the schema it references, in
 * {@code <out>/.schema/}, a hidden folder the loader ignores).
 */
public final class Importer {
  public static final String SCHEMA_FILE = "pointsman-v1.schema.json";
  static final String SCHEMA_LINE = "yaml-language-server: $schema=../.schema/" + SCHEMA_FILE;

  private final AwsClients clients;
  private final AwsCalls calls;
  private final ExecutorService readers;
  private final Progress progress;

  public Importer(AwsClients clients, AwsCalls calls, ExecutorService readers, Progress progress) {
    this.clients = clients;
    this.calls = calls;
    this.readers = readers;
    this.progress = progress;
  }

  /** What was written and kept, and what import found. */
  public record Result(List<Path> written, List<Path> kept, List<Finding> findings, int documents) {
    public Result {
      written = List.copyOf(written);
      kept = List.copyOf(kept);
      findings = List.copyOf(findings);
    }
  }

  public Result run(Environment env, ImportFilters filters, Path out, boolean force)
      throws IOException {
    ImportScope scope =
        new ImportScope(env, clients, calls, filters, progress, new FileNames(), readers);
    List<KindImport> parts = new ArrayList<>();
    parts.add(new LambdaImport(scope).run());
    parts.add(new ApiStageImport(scope).run());
    parts.add(new EcsImport(scope).run());
    parts.add(new AppConfigImport(scope).run());
    KindImport all = KindImport.merge(parts);

    Path folder = out.resolve(env.name());
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    List<Path> kept = new ArrayList<>();
    write(folder.resolve("environment.yaml"), environment(env, scope), force, written, kept);
    int documents = 0;
    for (ImportedFile f : all.files()) {
      write(folder.resolve(f.fileName()), render(f), force, written, kept);
      documents += f.documents().size();
    }
    writeSchema(out.resolve(".schema").resolve(SCHEMA_FILE));
    return new Result(written, kept, all.findings(), documents);
  }

  private static void write(
      Path file, String text, boolean force, List<Path> written, List<Path> kept)
      throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
      kept.add(file);
      return;
    }
    if (Files.isSymbolicLink(file)) Files.delete(file);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    written.add(file);
  }

  static String render(ImportedFile f) {
    StringBuilder s = new StringBuilder();
    s.append(new YamlText().comment(SCHEMA_LINE).comment(f.origin()));
    for (int i = 0; i < f.documents().size(); i++) {
      if (i > 0) s.append("---\n");
      s.append(f.documents().get(i));
    }
    return s.toString();
  }

  private static String environment(Environment env, ImportScope scope) {
    YamlText doc = new YamlText().header("Environment", env.name());
    doc.field(1, "region", env.region());
    doc.field(1, "accountId", YamlText.quoted(env.accountId()));
    doc.field(1, "drift", "report");
    doc.field(1, "protected", Boolean.toString(env.isProtected()));
    return render(
        new ImportedFile(
            "environment.yaml", scope.origin("the caller's account"), List.of(doc.toString())));
  }

  private static void writeSchema(Path target) throws IOException {
    try (InputStream in =
        Importer.class.getResourceAsStream("/dev/pointsman/schema/" + SCHEMA_FILE)) {
      if (in == null) return; // a build without the schema resource: the line stays a hint
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
    }
  }
}
