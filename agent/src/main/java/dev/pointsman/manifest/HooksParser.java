package dev.pointsman.manifest;

import dev.pointsman.config.Durations;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Hooks;
import dev.pointsman.model.Source;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code spec.hooks}: {@code beforeTraffic} and {@code afterTraffic}, each {function, timeout}. */
final class HooksParser {
  private static final Set<String> FIELDS = Set.of("beforeTraffic", "afterTraffic");
  private static final Set<String> HOOK_FIELDS = Set.of("function", "timeout");

  /** A function name or ARN, optionally with a qualifier (alias or version). */
  private static final Pattern FUNCTION =
      Pattern.compile(
          "(arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:)?[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9$_-]{1,128})?");

  private HooksParser() {}

  static Optional<Hooks> parse(Fields spec, Environment env) {
    Optional<Fields> hooks = spec.object("hooks", false, "a mapping {beforeTraffic, afterTraffic}");
    if (hooks.isEmpty()) return Optional.empty();
    Fields h = hooks.get();
    h.rejectUnknown(FIELDS);
    Optional<Hooks.Hook> before = hook(h, "beforeTraffic", env);
    Optional<Hooks.Hook> after = hook(h, "afterTraffic", env);
    if (before.isEmpty() && after.isEmpty()) {
      if (!h.has("beforeTraffic") && !h.has("afterTraffic"))
        spec.failField("hooks", "expected beforeTraffic and/or afterTraffic");
      return Optional.empty();
    }
    return Optional.of(new Hooks(before, after));
  }

  private static Optional<Hooks.Hook> hook(Fields hooks, String name, Environment env) {
    Optional<Fields> f = hooks.object(name, false, "a mapping {function, timeout}");
    if (f.isEmpty()) return Optional.empty();
    Fields hook = f.get();
    int before = hook.errors().size();
    hook.rejectUnknown(HOOK_FIELDS);
    Optional<String> function =
        hook.string(
            "function", true, FUNCTION, "a Lambda function name or ARN, optionally name:qualifier");
    function
        .filter(fn -> fn.startsWith("arn:"))
        .flatMap(fn -> Arns.outside(fn, env, "hook function ARN"))
        .ifPresent(m -> hook.failField("function", m));
    Duration timeout = Hooks.DEFAULT_TIMEOUT;
    if (hook.has("timeout")) {
      Optional<String> text =
          hook.string(
              "timeout", false, Pattern.compile("[0-9]+(ms|s|m)"), "a duration such as 30s or 5m");
      if (text.isPresent()) {
        timeout = Durations.parse(text.get()).orElse(Duration.ZERO);
        if (timeout.isZero() || timeout.compareTo(Hooks.MAX_TIMEOUT) > 0)
          hook.failField("timeout", "expected a duration from 1s to 15m, found " + text.get());
      }
    }
    if (hook.errors().size() > before) return Optional.empty();
    String fn = function.get();
    // name:qualifier (a plain name), or an ARN with an 8th part
    String[] parts = fn.split(":");
    boolean arn = fn.startsWith("arn:");
    Optional<String> qualifier =
        arn
            ? (parts.length > 7 ? Optional.of(parts[7]) : Optional.empty())
            : (parts.length > 1 ? Optional.of(parts[1]) : Optional.empty());
    String base = arn ? String.join(":", Arrays.copyOf(parts, 7)) : parts[0];
    return Optional.of(
        new Hooks.Hook(base, qualifier, timeout, new Source(hook.file(), hook.line())));
  }
}
