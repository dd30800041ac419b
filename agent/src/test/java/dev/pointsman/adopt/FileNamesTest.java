package dev.pointsman.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {
  private static final String SAFE = "[a-z0-9]([a-z0-9-]{0,58}[a-z0-9])?";

  @Test
  void ordinaryNamesBecomeLowerCaseWithDashes() {
    FileNames names = new FileNames();
    assertThat(names.name(FileNames.FILES, "fn/ProcessOrder", "ProcessOrder"))
        .isEqualTo("processorder");
    assertThat(names.name(FileNames.FILES, "stage/a/prod", "orders_api", "prod"))
        .isEqualTo("orders-api-prod");
  }

  @Test
  void hostileNamesGiveSafeStableNamesWithAHash() {
    String[] hostile = {
      "../../etc/passwd",
      "a/b\\c",
      "name.with.dots",
      "ünïcødé",
      "x".repeat(140),
      "..",
      "",
      "CON",
      " spaced out "
    };
    for (String h : hostile) {
      String first = new FileNames().name(FileNames.FILES, "api/" + h, h);
      String again = new FileNames().name(FileNames.FILES, "api/" + h, h);
      assertThat(first).as(h).matches(SAFE).isEqualTo(again).doesNotContain("..", "/", "\\");
    }
    assertThat(new FileNames().name(FileNames.FILES, "a", "x".repeat(140))).hasSize(FileNames.MAX);
  }

  @Test
  void namesThatWouldCollideAreTold_apart_andEachKeepsItsName() {
    FileNames names = new FileNames();
    String a = names.name(FileNames.FILES, "fn/Orders", "Orders");
    String b = names.name(FileNames.FILES, "fn/orders", "orders");
    assertThat(a).isEqualTo("orders");
    assertThat(b).startsWith("orders-").isNotEqualTo(a).matches(SAFE);
    assertThat(names.name(FileNames.FILES, "fn/Orders", "Orders")).isEqualTo("orders");
    assertThat(names.name("LambdaAlias", "fn/orders", "orders"))
        .as("another namespace")
        .isEqualTo("orders");
  }
}
