package dev.pointsman.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTextTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void everyScalarReadsBackAsTheSameString() throws Exception {
    String[] values = {
      "plain",
      "12345678",
      "5e12",
      "0x1F",
      "true",
      "No",
      "null",
      "~",
      "",
      " lead",
      "trail ",
      "a: b",
      "#comment",
      "- item",
      "{x}",
      "[y]",
      "*alias",
      "&anchor",
      "!tag",
      "%dir",
      "@at",
      "`tick`",
      "quote\"d",
      "single'q",
      "back\\slash",
      "line\nbreak",
      "ls\u2028ps\u2029nel\u0085",
      "tab\there",
      "ünïcødé",
      "$LATEST",
      "ssm:/shop/prod/config",
      "arn:aws:secretsmanager:us-east-1:1:secret:x",
      "1.5",
      ".5",
      "-1",
      "+1",
      ".inf",
      "yes",
      "on",
      "=",
      "a=b",
      "registry:5000/x@sha256:ab"
    };
    for (String v : values) {
      String doc = new YamlText().field(0, "k", YamlText.scalar(v)).field(0, v, "1").toString();
      JsonNode read = YAML.readTree(doc);
      assertThat(read.get("k").isTextual()).as(doc).isTrue();
      assertThat(read.get("k").asText()).as(doc).isEqualTo(v);
      assertThat(read.has(v)).as("key " + doc).isTrue();
    }
  }

  @Test
  void versionsAreWrittenAsTheExamplesWriteThem() {
    assertThat(YamlText.version("7")).isEqualTo("7");
    assertThat(YamlText.version("$LATEST")).isEqualTo("$LATEST");
    assertThat(YamlText.version("07")).isEqualTo("\"07\"");
    assertThat(YamlText.quoted("12345678")).isEqualTo("\"12345678\"");
  }

  @Test
  void aCommentNeverEndsEarly() throws Exception {
    String doc =
        new YamlText()
            .comment("from API evil\nkind: Environment\u2028x: 1\u0085y: 2")
            .field(0, "k", "v")
            .toString();
    assertThat(YAML.readValue(doc, Map.class)).containsOnlyKeys("k");
  }
}
