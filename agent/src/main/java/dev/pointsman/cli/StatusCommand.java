package dev.pointsman.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointsman status}: what a running agent reports, rollouts first. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a running agent's status and rollouts in progress.")
final class StatusCommand implements Callable<Integer> {
  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8080",
      description = "The agent's HTTP address (default: ${DEFAULT-VALUE}).")
  URI url;

  @Override
  public Integer call() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url.resolve("/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      System.err.println("error: " + url + " answered HTTP " + r.statusCode());
      return 1;
    }
    JsonNode s = new ObjectMapper().readTree(r.body());
    System.out.println(
        "ready: "
            + s.path("ready").asBoolean()
            + (s.has("notReadyReason") ? " (" + s.path("notReadyReason").asText() + ")" : ""));
    System.out.println(
        "live commit: "
            + s.path("lastAppliedCommit").path("sha").asText("none")
            + " "
            + s.path("lastAppliedCommit").path("subject").asText(""));
    for (JsonNode ro : s.path("rollouts")) {
      StringBuilder line =
          new StringBuilder(
              "rollout "
                  + ro.path("environment").asText()
                  + " "
                  + ro.path("kind").asText()
                  + " "
                  + ro.path("name").asText()
                  + " → "
                  + ro.path("target").asText()
                  + ": "
                  + ro.path("status").asText()
                  + ", step "
                  + ro.path("step").asText()
                  + "/"
                  + ro.path("steps").asText()
                  + " at "
                  + ro.path("weight").asText());
      if (ro.has("nextStepAt"))
        line.append(", next step at ").append(ro.path("nextStepAt").asText());
      for (JsonNode a : ro.path("alarms"))
        line.append(", alarm ")
            .append(a.path("name").asText())
            .append(" ")
            .append(a.path("state").asText());
      if (!ro.path("reason").asText().isEmpty())
        line.append(" (").append(ro.path("reason").asText()).append(")");
      System.out.println(line);
    }
    s.path("environments")
        .fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .forEach(
                        res ->
                            System.out.println(
                                e.getKey()
                                    + "  "
                                    + res.path("kind").asText()
                                    + " "
                                    + res.path("name").asText()
                                    + "  "
                                    + res.path("state").asText())));
    return 0;
  }
}
