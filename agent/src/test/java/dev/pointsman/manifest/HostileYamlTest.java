package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated hostile inputs too large for fixture files; each is refused with a clear error. */
class HostileYamlTest {
  private static final byte[] ENV =
      ("apiVersion: pointsman.dev/v1\nkind: Environment\nmetadata: {name: prod}\n"
              + "spec: {region: eu-west-1, accountId: \"123456789012\"}\n")
          .getBytes(StandardCharsets.UTF_8);

  private static List<String> errors(String path, byte[] content) {
    return Kinds.manifestLoader()
        .load(
            List.of(
                new ManifestFile("prod/environment.yaml", ENV), new ManifestFile(path, content)))
        .errors()
        .stream()
        .map(ManifestError::toString)
        .toList();
  }

  @Test
  void aTenMegabyteFileIsRefusedBeforeParsing() {
    byte[] big = ("a: \"" + "x".repeat(10 * 1024 * 1024) + "\"\n").getBytes(StandardCharsets.UTF_8);
    assertThat(errors("prod/big.yaml", big))
        .containsExactly(
            "prod/big.yaml: file is larger than the limit of 1048576 bytes per manifest file");
  }

  @Test
  void deepNestingIsRefusedWithoutStackOverflow() {
    String deep = "a: ".repeat(1) + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    assertThat(errors("prod/deep.yaml", deep.getBytes(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .startsWith("prod/deep.yaml:1: ")
        .containsAnyOf("nesting", "Nesting", "depth");
  }

  @Test
  void tooManyDocumentsInOneFileAreRefused() {
    String many = "---\na: 1\n".repeat(YamlReader.MAX_DOCUMENTS + 1);
    assertThat(errors("prod/many.yaml", many.getBytes(StandardCharsets.UTF_8)))
        .singleElement()
        .asString()
        .contains("more than 10000 documents");
  }

  @Test
  void invalidUtf8IsAnError() {
    byte[] bad = {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
    assertThat(errors("prod/bad.yaml", bad)).singleElement().asString().startsWith("prod/bad.yaml");
  }

  @Test
  void aByteOrderMarkIsAccepted() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] doc =
        ("apiVersion: pointsman.dev/v1\nkind: LambdaAlias\nmetadata: {name: orders}\n"
                + "spec: {functionName: orders, alias: live, version: 3}\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + doc.length];
    System.arraycopy(bom, 0, withBom, 0, bom.length);
    System.arraycopy(doc, 0, withBom, bom.length, doc.length);
    assertThat(errors("prod/bom.yaml", withBom)).isEmpty();
  }
}
