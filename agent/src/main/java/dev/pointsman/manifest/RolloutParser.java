package dev.pointsman.manifest;

import dev.pointsman.config.Durations;
import dev.pointsman.model.Percent;
import dev.pointsman.model.Rollout;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code spec.rollout}: explicit steps or a preset named like CodeDeploy's, plus alarm analysis.
 * Shared by every kind that can be rolled out progressively.
 */
final class RolloutParser {
  static final Set<String> FIELDS = Set.of("steps", "preset", "analysis");
  private static final Set<String> STEP_FIELDS = Set.of("weight", "pause");
  private static final Set<String> ANALYSIS_FIELDS = Set.of("alarms", "interval");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s|m|h)");
  private static final Pattern ALARM = Pattern.compile("[^\\p{Cntrl}]{1,255}");
  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** CodeDeploy's predefined configurations, as steps (the last step is followed by 100 %). */
  static final Map<String, List<Rollout.Step>> PRESETS = presets();

  private RolloutParser() {}

  static Optional<Rollout> parse(Fields spec) {
    Optional<Fields> rollout =
        spec.object("rollout", false, "a mapping {steps | preset, analysis}");
    if (rollout.isEmpty()) return Optional.empty();
    Fields r = rollout.get();
    int before = r.errors().size();
    r.rejectUnknown(FIELDS);
    List<Rollout.Step> steps = new ArrayList<>();
    if (r.has("steps") == r.has("preset")) {
      r.failField("steps", "set exactly one of steps and preset");
    } else if (r.has("preset")) {
      r.string(
              "preset",
              true,
              Pattern.compile(String.join("|", PRESETS.keySet())),
              "one of " + PRESETS.keySet())
          .ifPresent(p -> steps.addAll(PRESETS.get(p)));
    } else {
      steps.addAll(steps(r));
    }
    List<String> alarms = new ArrayList<>();
    Duration interval = DEFAULT_INTERVAL;
    Optional<Fields> analysis = r.object("analysis", false, "a mapping {alarms, interval}");
    if (analysis.isPresent()) {
      Fields a = analysis.get();
      a.rejectUnknown(ANALYSIS_FIELDS);
      for (Fields.Item item : a.scalars("alarms", "a list of CloudWatch alarm names")) {
        if (ALARM.matcher(item.text()).matches()) alarms.add(item.text());
        else item.fail("expected a CloudWatch alarm name, found " + Fields.quote(item.text()));
      }
      interval =
          a.string("interval", false, DURATION, "a duration such as 30s or 1m")
              .map(RolloutParser::duration)
              .orElse(interval);
    }
    return r.errors().size() > before
        ? Optional.empty()
        : Optional.of(new Rollout(steps, alarms, interval));
  }

  private static List<Rollout.Step> steps(Fields r) {
    List<Rollout.Step> steps = new ArrayList<>();
    BigDecimal previous = BigDecimal.ZERO;
    for (Fields s : r.objects("steps", true, "a list of {weight, pause}")) {
      s.rejectUnknown(STEP_FIELDS);
      Optional<BigDecimal> weight =
          s.decimal("weight", true, "a percentage between 0 and 100 (exclusive)");
      Optional<Duration> pause =
          s.string("pause", true, DURATION, "a duration such as 5m").map(RolloutParser::duration);
      if (weight.isEmpty() || pause.isEmpty()) continue;
      BigDecimal w = weight.get();
      if (w.signum() <= 0 || w.compareTo(Percent.MAX) >= 0) {
        s.failField(
            "weight",
            "expected a percentage between 0 and 100 (exclusive), found " + Fields.number(w));
      } else if (w.compareTo(previous) <= 0) {
        s.failField(
            "weight",
            "steps must increase; " + Fields.number(w) + " follows " + Fields.number(previous));
      } else {
        steps.add(new Rollout.Step(new Percent(w), pause.get()));
        previous = w;
      }
    }
    return steps;
  }

  static Duration duration(String text) {
    return Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(text));
  }

  private static Map<String, List<Rollout.Step>> presets() {
    Map<String, List<Rollout.Step>> p = new TreeMap<>();
    p.put("AllAtOnce", List.of());
    for (int minutes : new int[] {5, 10, 15, 30}) {
      p.put(
          "Canary10Percent" + minutes + "Minutes",
          List.of(new Rollout.Step(Percent.of("10"), Duration.ofMinutes(minutes))));
    }
    for (int minutes : new int[] {1, 2, 3, 10}) {
      List<Rollout.Step> linear = new ArrayList<>();
      for (int w = 10; w < 100; w += 10)
        linear.add(new Rollout.Step(Percent.of(Integer.toString(w)), Duration.ofMinutes(minutes)));
      p.put(
          "Linear10PercentEvery" + minutes + (minutes == 1 ? "Minute" : "Minutes"),
          List.copyOf(linear));
    }
    return Map.copyOf(p);
  }
}
