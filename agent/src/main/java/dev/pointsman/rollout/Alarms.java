package dev.pointsman.rollout;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.model.Environment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Which of a rollout's CloudWatch alarms stop it. An alarm in ALARM does; so does an alarm that
 * does not exist or cannot be read, because a misspelt alarm must not silently switch the safety
 * net off.
 */
public final class Alarms {
  private final AwsClients clients;
  private final AwsCalls calls;

  public Alarms(AwsClients clients, AwsCalls calls) {
    this.clients = clients;
    this.calls = calls;
  }

  public List<String> stopping(Environment env, List<String> names) {
    if (names.isEmpty()) return List.of();
    try {
      List<MetricAlarm> alarms =
          calls
              .call(
                  () ->
                      clients
                          .cloudWatch(env)
                          .describeAlarms(r -> r.alarmNames(names).maxRecords(100)))
              .metricAlarms();
      Set<String> found = new HashSet<>();
      List<String> stopping = new ArrayList<>();
      for (MetricAlarm a : alarms) {
        found.add(a.alarmName());
        if (a.stateValue() == StateValue.ALARM) stopping.add(a.alarmName());
      }
      names.stream().filter(n -> !found.contains(n)).forEach(n -> stopping.add(n + " (not found)"));
      return stopping;
    } catch (SdkException e) {
      return List.of("alarms unreadable: " + AwsFailure.describe(e));
    }
  }
}
