package dev.pointsman.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.kinds.Kinds;
import dev.pointsman.model.ManifestFile;
import dev.pointsman.model.ReleasePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Environment release policies as written, and every way to get one wrong, with file:line. */
class ReleasePolicyManifestTest {
  private static String env(String name, String extra) {
    return """
        apiVersion: pointsman.dev/v1
        kind: Environment
        metadata:
          name: %s
        spec:
          region: eu-west-1
          accountId: "123456789012"
        """
            .formatted(name)
        + extra;
  }

  private static LoadResult load(String... nameAndExtra) {
    List<ManifestFile> files = new ArrayList<>();
    for (int i = 0; i < nameAndExtra.length; i += 2) {
      files.add(
          new ManifestFile(
              nameAndExtra[i] + "/environment.yaml",
              env(nameAndExtra[i], nameAndExtra[i + 1]).getBytes(StandardCharsets.UTF_8)));
    }
    return Kinds.manifestLoader().load(files);
  }

  private static List<String> errors(LoadResult r) {
    return r.errors().stream().map(Object::toString).toList();
  }

  @Test
  void promotionFreezesAndRollbacksAreRead() {
    LoadResult r =
        load(
            "staging",
            "",
            "prod",
            """
              promotion:
                from: staging
                soak: 30m
              freezes:
                - from: "2026-12-24T00:00:00Z"
                  until: "2026-12-27T08:00:00Z"
                - weekly: "Fri 16:00 - Mon 08:00"
                  timeZone: Europe/Berlin
              allowRollbackDuringFreeze: false
            """);
    assertThat(errors(r)).isEmpty();
    ReleasePolicy p =
        r.state().environments().stream()
            .filter(e -> e.environment().name().equals("prod"))
            .findFirst()
            .orElseThrow()
            .environment()
            .policy();
    assertThat(p.from()).contains("staging");
    assertThat(p.soak()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.freezes()).hasSize(2);
    assertThat(p.allowRollbackDuringFreeze()).isFalse();
  }

  @Test
  void badWindowsNameTheFileLineAndField() {
    LoadResult r =
        load(
            "prod",
            """
              freezes:
                - from: "2026-12-27T00:00:00Z"
                  until: "2026-12-24T00:00:00Z"
                - weekly: "Friday 4pm - Monday"
                  timeZone: Europe/Berlin
                - weekly: "Fri 16:00 - Mon 08:00"
                  timeZone: Mars/Olympus_Mons
              promotion:
                from: prod
                soak: soon
            """);
    assertThat(errors(r))
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith(
                        "prod/environment.yaml:10: spec.freezes.0.until: expected a time after from"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("spec.freezes.1.weekly: expected \"<Day> HH:MM - <Day> HH:MM\""))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("spec.freezes.2.timeZone: expected a time zone", "Mars/Olympus_Mons"))
        .anySatisfy(
            e -> assertThat(e).contains("spec.promotion.from: expected another environment"))
        .anySatisfy(e -> assertThat(e).contains("spec.promotion.soak: expected a duration"));
  }

  @Test
  void aMissingSourceOrACycleIsRefused() {
    assertThat(errors(load("prod", "  promotion: {from: staging}\n")))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .contains(
                        "spec.promotion.from: expected one of the environments [prod], found staging"));
    assertThat(
            errors(
                load(
                    "a", "  promotion: {from: b}\n",
                    "b", "  promotion: {from: c}\n",
                    "c", "  promotion: {from: a}\n")))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e).contains("promotion order forms a cycle"));
  }
}
