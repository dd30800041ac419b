package dev.pointsman.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsFailure;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Hooks;
import dev.pointsman.secrets.Scrubber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes a hook function synchronously and judges it. It passes when the invocation succeeds (no
 * {@code FunctionError}) and its result does not say {@code "status": "Failed"} (CodeDeploy's
 * {@code Succeeded}/{@code Failed} words are accepted, case-insensitively). It fails on a function
 * error, a {@code Failed} status, a timeout, a missing function or a refused call: failing closed,
 * never skipped. What it returned is scrubbed and cut to its first lines before anyone sees it.
 */
public final class HookRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int DETAIL_CHARS = 400;

  private final AwsClients clients;
  private final AwsCalls calls;
  private final Clock clock;

  public HookRunner(AwsClients clients, AwsCalls calls, Clock clock) {
    this.clients = clients;
    this.calls = calls;
    this.clock = clock;
  }

  public HookResult run(Environment env, Hooks.Hook hook, ObjectNode payload) {
    Instant start = clock.instant();
    try {
      InvokeResponse r =
          calls.call(
              () ->
                  clients
                      .lambda(env)
                      .invoke(
                          b ->
                              b.functionName(hook.function())
                                  .qualifier(hook.qualifier().orElse(null))
                                  .invocationType(InvocationType.REQUEST_RESPONSE)
                                  .payload(SdkBytes.fromUtf8String(payload.toString()))
                                  .overrideConfiguration(
                                      o ->
                                          o.apiCallTimeout(hook.timeout().plusSeconds(5))
                                              .apiCallAttemptTimeout(
                                                  hook.timeout().plusSeconds(5)))));
      Duration took = Duration.between(start, clock.instant());
      String body = r.payload() == null ? "" : r.payload().asString(StandardCharsets.UTF_8);
      if (r.functionError() != null && !r.functionError().isEmpty()) {
        return new HookResult(
            false, took, "function error (" + r.functionError() + "): " + brief(body));
      }
      if (took.compareTo(hook.timeout()) > 0) {
        return new HookResult(
            false, took, "took longer than its timeout " + hook.timeout().toSeconds() + "s");
      }
      if (saysFailed(body)) return new HookResult(false, took, "reported Failed: " + brief(body));
      return new HookResult(true, took, brief(body));
    } catch (ApiCallTimeoutException e) {
      return new HookResult(
          false,
          Duration.between(start, clock.instant()),
          "timed out after " + hook.timeout().toSeconds() + "s");
    } catch (SdkException e) {
      return new HookResult(
          false,
          Duration.between(start, clock.instant()),
          "could not be invoked: " + AwsFailure.describe(e));
    }
  }

  /** {"status": "Failed"} (any case, also CodeDeploy's words), as JSON or a JSON string of it. */
  static boolean saysFailed(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isTextual()) n = JSON.readTree(n.asText());
      return n != null && n.isObject() && "failed".equalsIgnoreCase(n.path("status").asText(""));
    } catch (Exception e) {
      return false;
    }
  }

  static String brief(String body) {
    String s = Scrubber.scrub(body == null ? "" : body).strip();
    String[] lines = s.split("\n", 6);
    String first = String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, 5)));
    return first.length() > DETAIL_CHARS ? first.substring(0, DETAIL_CHARS) + "…" : first;
  }
}
