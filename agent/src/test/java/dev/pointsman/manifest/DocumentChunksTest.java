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

  @Test
  void aRegionSplitsLikeTheWholeFileAndSaysTheLineItEndsOn() {
    String text = "a: 1\n---\nb: 2\nc: 3\n---\nd: 4\n---\ne: 5\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<DocumentChunks.Chunk> whole = split(text);
    // From the second chunk to the start of the fourth: the second and third, on their lines.
    DocumentChunks.Region region =
        DocumentChunks.region(bytes, whole.get(1).from(), whole.get(3).from(), 2).orElseThrow();
    assertThat(region.chunks()).containsExactly(whole.get(1), whole.get(2));
    assertThat(region.endLine()).isEqualTo(whole.get(3).firstLine());
    assertThat(DocumentChunks.region(bytes, 5, 5, 2).orElseThrow().chunks()).isEmpty();
    byte[] directive = "a: 1\n---\n%TAG ! x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(DocumentChunks.region(directive, 5, directive.length, 2)).isEmpty();
  }

  @Test
  void aChunkStartsAtTheFileStartOrAtAMarkerLine() {
    byte[] bytes = "a: 1\n---\nb: ---\n".getBytes(StandardCharsets.UTF_8);
    assertThat(DocumentChunks.startsChunk(bytes, 0)).isTrue();
    assertThat(DocumentChunks.startsChunk(bytes, 5)).isTrue();
    assertThat(DocumentChunks.startsChunk(bytes, 4)).as("not at a line start").isFalse();
    assertThat(DocumentChunks.startsChunk(bytes, 12)).as("mid-line dashes").isFalse();
    assertThat(DocumentChunks.startsChunk(bytes, bytes.length)).isFalse();
  }
}
