package dev.pointsman.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.aws.AwsOperation;
import dev.pointsman.aws.Quotas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind is complete: a JSON Schema definition, a section in docs/manifests.md, its IAM actions
 * in the documented policy, a rate-limit family for each operation, golden plan fixtures and a
 * document in the example repository. Adding a descriptor without them fails here.
 */
class KindConformanceTest {
  private static final Path SCHEMA = Path.of("../docs/schema/pointsman-v1.schema.json");
  private static final Path MANIFESTS_DOC = Path.of("../docs/manifests.md");
  private static final Path GOLDEN = Path.of("src/test/resources/plan");
  private static final Path EXAMPLE = Path.of("../manifests-example");
  private static final int MIN_GOLDEN_CASES = 3;

  static Stream<String> kinds() {
    return Kinds.all().stream().map(KindDescriptor::kind);
  }

  private static KindDescriptor<?, ?> descriptor(String kind) {
    return Kinds.all().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void kindsAndTypesAreUnique() {
    Set<String> names = new HashSet<>();
    Set<Class<?>> types = new HashSet<>();
    for (KindDescriptor<?, ?> k : Kinds.all()) {
      assertThat(names.add(k.kind())).as("kind %s declared twice", k.kind()).isTrue();
      assertThat(types.add(k.type())).as("type %s declared twice", k.type()).isTrue();
      assertThat(k.parser().kind()).as("parser of %s", k.kind()).isEqualTo(k.kind());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void hasAJsonSchemaDefinition(String kind) throws IOException {
    JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
    assertThat(schema.path("$defs").has(kind)).as("$defs.%s in %s", kind, SCHEMA).isTrue();
    List<String> enumerated = new ArrayList<>();
    schema.path("properties").path("kind").path("enum").forEach(n -> enumerated.add(n.asText()));
    assertThat(enumerated).as("properties.kind.enum in %s", SCHEMA).contains(kind);
    assertThat(schema.path("allOf").toString())
        .as("an allOf branch selecting $defs/%s", kind)
        .contains("#/$defs/" + kind);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void isDocumentedInTheManifestsReference(String kind) throws IOException {
    String doc = Files.readString(MANIFESTS_DOC, StandardCharsets.UTF_8);
    assertThat(doc)
        .as("a '## %s' section in %s", kind, MANIFESTS_DOC)
        .containsPattern("(?m)^## " + kind + "\\b");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyOperationIsAllowedByTheDocumentedPolicy(String kind) {
    DocumentedPolicy policy = DocumentedPolicy.read();
    for (AwsOperation op : descriptor(kind).operations()) {
      assertThat(policy.allows(op.iamAction()))
          .as("%s (%s) in the policy of %s", op.iamAction(), op.operation(), DocumentedPolicy.DOC)
          .isTrue();
    }
  }

  @Test
  void coreRolloutAndLeaseOperationsAreAllowedByTheDocumentedPolicy() {
    DocumentedPolicy policy = DocumentedPolicy.read();
    List<AwsOperation> ops = new ArrayList<>(AwsOperation.CORE);
    ops.addAll(AwsOperation.ROLLOUTS);
    ops.addAll(AwsOperation.LEASE);
    for (AwsOperation op : ops) {
      assertThat(policy.allows(op.iamAction()))
          .as("%s in %s", op.iamAction(), DocumentedPolicy.DOC)
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyOperationHasAPublishedQuotaFamily(String kind) {
    Quotas quotas = Kinds.defaultQuotas();
    for (AwsOperation op : descriptor(kind).operations()) {
      assertThat(quotas.family(op.service(), op.operation()))
          .as(
              "quota family of %s:%s (declare it in %s.quotaFamilies())",
              op.service(), op.operation(), kind)
          .isNotEqualTo(Quotas.OTHER);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void hasGoldenPlanFixtures(String kind) throws IOException {
    Path dir = GOLDEN.resolve(kind);
    assertThat(dir).as("golden plan fixtures for %s", kind).isDirectory();
    List<Path> cases;
    try (Stream<Path> s = Files.list(dir)) {
      cases = s.filter(Files::isDirectory).toList();
    }
    assertThat(cases)
        .as("golden cases under %s", dir)
        .hasSizeGreaterThanOrEqualTo(MIN_GOLDEN_CASES);
    for (Path c : cases) {
      for (String f : List.of("desired.yaml", "live.json", "expected.txt"))
        assertThat(c.resolve(f)).as("%s of golden case %s", f, c).isRegularFile();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void appearsInTheExampleRepository(String kind) throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      boolean found =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .anyMatch(
                  p -> {
                    try {
                      return Files.readString(p).contains("\nkind: " + kind + "\n");
                    } catch (IOException e) {
                      return false;
                    }
                  });
      assertThat(found).as("a %s document in %s", kind, EXAMPLE).isTrue();
    }
  }

  /** Operations that change something; everything else a kind calls is a read. */
  private static boolean writes(AwsOperation op) {
    return op.operation()
        .matches("(Create|Update|Put|Delete|Add|Publish|Register|Start|Stop|Flush|Invoke).*");
  }

  @Test
  void theReadOnlyPreviewPolicyAllowsEveryReadAndNoWrite() {
    List<AwsOperation> ops = new ArrayList<>(AwsOperation.CORE);
    Kinds.all().forEach(k -> ops.addAll(k.operations()));
    readOnly(Path.of("../docs/plan-preview.md"), ops);
  }

  @Test
  void theImportPolicyAllowsEveryReadOfImportAndOfItsPlanAndNoWrite() {
    List<AwsOperation> ops = new ArrayList<>(AwsOperation.CORE);
    ops.addAll(AwsOperation.IMPORT);
    Kinds.all().forEach(k -> ops.addAll(k.operations()));
    readOnly(DocumentedPolicy.IMPORT_DOC, ops);
  }

  private static void readOnly(Path doc, List<AwsOperation> ops) {
    DocumentedPolicy readOnly = DocumentedPolicy.read(doc);
    for (AwsOperation op : ops) {
      if (op.operation().equals("AssumeRole")) continue; // only with spec.roleArn, like the agent
      if (writes(op)) {
        assertThat(readOnly.allows(op.iamAction()))
            .as(
                "%s (%s) must not be in the read-only policy of %s",
                op.iamAction(), op.operation(), doc)
            .isFalse();
      } else {
        assertThat(readOnly.allows(op.iamAction()))
            .as("%s (%s) in the read-only policy of %s", op.iamAction(), op.operation(), doc)
            .isTrue();
      }
    }
  }
}
