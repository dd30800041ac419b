package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentChunksTest {
  private static List<DocumentChunks.Chunk> split(String text) {
    return DocumentChunks.split(text.getBytes(StandardCharsets.UTF_8)).orElse(List.of());
  }

  @Test
  void splitsAtDocumentStartsWithTheLineEachStartsAt() {
    String text =
        "# leading comment\na: 1\n---\nb: 2\n--- # marker with a comment\nc: |\n  ---\n  x\n";
    List<DocumentChunks.Chunk> chunks = split(text);
    assertThat(chunks).extracting(DocumentChunks.Chunk::firstLine).containsExactly(1, 3, 5);
    assertThat(text.substring(chunks.get(1).from(), chunks.get(1).to())).isEqualTo("---\nb: 2\n");
    assertThat(chunks.get(2).to()).isEqualTo(text.length());
  }

  @Test
  void onlyAMarkerAtTheStartOfALineFollowedBySpaceOrEndSplits() {
    assertThat(split("a: 1\n----\nb: 2\n")).as("four dashes are content").isEmpty();
    assertThat(split("a: |\n  ---\n  b\n")).as("indented: block scalar content").isEmpty();
    assertThat(split("a: 1\n---")).hasSize(2);
    assertThat(split("a: 1\r\n---\r\nb: 2\r\n")).hasSize(2);
  }

  @Test
  void directivesAndDocumentEndMarkersAreNotSplit() {
    assertThat(split("%YAML 1.2\n---\na: 1\n---\nb: 2\n")).isEmpty();
    assertThat(split("a: 1\n...\n---\nb: 2\n")).isEmpty();
    assertThat(split("a: 1\n")).as("one document: nothing to gain").isEmpty();
  }

  @Test
  void aChunkAloneKeepsItsLineNumbers() {
    String text = "a: 1\n---\nb: 2\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    DocumentChunks.Chunk second = split(text).get(1);
    assertThat(new String(DocumentChunks.alone(bytes, second), StandardCharsets.UTF_8))
        .isEqualTo("\n---\nb: 2\n");
  }
}
