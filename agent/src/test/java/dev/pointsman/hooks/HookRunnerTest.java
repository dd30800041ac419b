package dev.pointsman.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The documented pass rule and what a hook's result may show. */
class HookRunnerTest {
  @Test
  void aFailedStatusInAnyCaseFailsAndEverythingElsePasses() {
    assertThat(HookRunner.saysFailed("{\"status\": \"Failed\"}")).isTrue();
    assertThat(HookRunner.saysFailed("{\"status\": \"FAILED\", \"reason\": \"x\"}")).isTrue();
    assertThat(HookRunner.saysFailed("\"{\\\"status\\\": \\\"Failed\\\"}\""))
        .as("a JSON string of it")
        .isTrue();
    assertThat(HookRunner.saysFailed("{\"status\": \"Succeeded\"}")).isFalse();
    assertThat(HookRunner.saysFailed("null")).isFalse();
    assertThat(HookRunner.saysFailed("\"ok\"")).isFalse();
    assertThat(HookRunner.saysFailed("not json")).isFalse();
  }

  @Test
  void resultsAreScrubbedAndCutToTheirFirstLines() {
    String body = "line1 password=hunter2\n2\n3\n4\n5\n6\n7";
    String brief = HookRunner.brief(body);
    assertThat(brief).doesNotContain("hunter2").contains("password=****").doesNotContain("6");
    assertThat(HookRunner.brief("x".repeat(2000))).hasSize(HookRunner.DETAIL_CHARS + 1);
  }
}
