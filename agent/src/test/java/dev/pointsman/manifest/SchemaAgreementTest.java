package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.ManifestFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema (docs/schema/pointsman-v1.schema.json, which editors use) and the
 * loader agree: every example and valid fixture document passes both; every document of the
 * rejection corpus fails both. Cross-document rules (duplicates, protection, references) are the
 * loader's alone.
 */
class SchemaAgreementTest {
  private static final Path CORPUS = Path.of("src/test/resources/schema-corpus");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ENV =
      "apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata: {name: prod}\n"
          + "spec: {region: eu-west-1, accountId: \"123456789012\"}\n";
  private static final Schema SCHEMA = schema();

  private static Schema schema() {
    try {
      String text = Files.readString(Path.of("../docs/schema/pointsman-v1.schema.json"));
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> schemaErrors(Path file) throws IOException {
    List<String> errors = new ArrayList<>();
    try (var docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = (JsonNode) docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) continue;
        SCHEMA
            .validate(doc.toString(), InputFormat.JSON)
            .forEach(e -> errors.add(file.getFileName() + ": " + e.getMessage()));
      }
    }
    return errors;
  }

  private static List<ManifestError> loaderErrors(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    boolean environment = new String(content, StandardCharsets.UTF_8).contains("kind: Environment");
    List<ManifestFile> files =
        environment
            ? List.of(new ManifestFile("prod/environment.yaml", content))
            : List.of(
                new ManifestFile("prod/environment.yaml", ENV.getBytes(StandardCharsets.UTF_8)),
                new ManifestFile("prod/doc.yaml", content));
    return Kinds.manifestLoader().load(files).errors();
  }

  static Stream<Path> valid() throws IOException {
    return Stream.concat(files(CORPUS.resolve("valid")), files(Path.of("../manifests-example")));
  }

  static Stream<Path> invalid() throws IOException {
    return files(CORPUS.resolve("invalid"));
  }

  private static Stream<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validDocumentsPassTheSchemaAndTheLoader(Path file) throws IOException {
    assertThat(schemaErrors(file)).isEmpty();
    if (!file.toString().contains("manifests-example")) assertThat(loaderErrors(file)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectedDocumentsFailTheSchemaAndTheLoader(Path file) throws IOException {
    assertThat(schemaErrors(file)).as("schema").isNotEmpty();
    assertThat(loaderErrors(file)).as("loader").isNotEmpty();
  }

  @Test
  void everyDocumentOfTheValidLoaderFixturesPassesTheSchema() throws IOException {
    for (Path f : files(Path.of("src/test/resources/loader/valid/repo")).toList()) {
      assertThat(schemaErrors(f)).as(f.toString()).isEmpty();
    }
  }

  @Test
  void theExamplesPointEditorsAtTheSchema() throws IOException {
    for (Path f : files(Path.of("../manifests-example")).toList()) {
      assertThat(Files.readString(f))
          .as(f.toString())
          .startsWith("# yaml-language-server: $schema=../../docs/schema/pointsman-v1.schema.json");
    }
  }
}
