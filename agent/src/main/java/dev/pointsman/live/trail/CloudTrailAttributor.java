package dev.pointsman.live.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.CloudTrailRecords;
import dev.pointsman.model.Attribution;
import dev.pointsman.model.ChangeEvent;
import dev.pointsman.model.DesiredResource;
import dev.pointsman.model.Environment;
import dev.pointsman.model.LambdaAlias;
import dev.pointsman.model.LambdaFunction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

/**
 * Who changed a drifted resource: one {@code LookupEvents} per drifted resource and announcement
 * (by the function's name for Lambda kinds, by event source otherwise), newest first, since the
 * live commit was applied. The newest write event that concerns the resource and is not Pointsman's
 * own names the principal. LookupEvents allows 2 requests per second per account and Region, shared
 * with everyone: calls go through the agent's rate limiter ({@code cloudtrail} family) and results
 * are cached. When CloudTrail is denied or unavailable the environment says "unknown (reason)" once
 * and is not asked again for an hour.
 */
public final class CloudTrailAttributor {
  private static final Logger log = LoggerFactory.getLogger(CloudTrailAttributor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration CACHE_FOR = Duration.ofMinutes(10);
  static final Duration DISABLED_FOR = Duration.ofHours(1);

  private final AwsClients clients;
  private final AwsCalls calls;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Instant> disabledUntil = new ConcurrentHashMap<>();
  private final AtomicLong lookups = new AtomicLong();

  private record Cached(Attribution who, Instant at) {}

  public CloudTrailAttributor(AwsClients clients, AwsCalls calls, Clock clock) {
    this.clients = clients;
    this.calls = calls;
    this.clock = clock;
  }

  /** LookupEvents calls made so far (the benchmark reports calls per drift). */
  public long lookups() {
    return lookups.get();
  }

  /**
   * Who changed {@code resource} after {@code since}; empty when the environment already said
   * CloudTrail is unavailable (within the last hour).
   */
  public Optional<Attribution> who(Environment env, DesiredResource resource, Instant since) {
    Instant now = clock.instant();
    Instant off = disabledUntil.get(env.name());
    if (off != null && now.isBefore(off)) return Optional.empty();
    String key = resource.id() + "|" + since;
    Cached hit = cache.get(key);
    if (hit != null && Duration.between(hit.at(), now).compareTo(CACHE_FOR) < 0)
      return Optional.of(hit.who());
    cache
        .entrySet()
        .removeIf(e -> Duration.between(e.getValue().at(), now).compareTo(CACHE_FOR) >= 0);
    Attribution who;
    try {
      who = lookup(env, resource, since, now);
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      return Optional.of(
          disable(
              env,
              "cloudtrail:LookupEvents refused: " + code + " (HTTP " + e.statusCode() + ")",
              now));
    } catch (SdkClientException e) {
      return Optional.of(disable(env, "CloudTrail unreachable: " + e.getMessage(), now));
    }
    cache.put(key, new Cached(who, now));
    return Optional.of(who);
  }

  private Attribution disable(Environment env, String reason, Instant now) {
    disabledUntil.put(env.name(), now.plus(DISABLED_FOR));
    log.warn("environment {}: drift attribution off for {}: {}", env.name(), DISABLED_FOR, reason);
    return Attribution.unknown(reason);
  }

  private Attribution lookup(
      Environment env, DesiredResource resource, Instant since, Instant now) {
    Optional<String> function =
        resource instanceof LambdaAlias a
            ? Optional.of(a.functionName())
            : resource instanceof LambdaFunction f
                ? Optional.of(f.functionName())
                : Optional.empty();
    String source = source(resource);
    lookups.incrementAndGet();
    LookupAttribute attribute =
        function.isPresent()
            ? LookupAttribute.builder()
                .attributeKey(LookupAttributeKey.RESOURCE_NAME)
                .attributeValue(ChangeEvent.functionName(function.get()))
                .build()
            : LookupAttribute.builder()
                .attributeKey(LookupAttributeKey.EVENT_SOURCE)
                .attributeValue(source + ".amazonaws.com")
                .build();
    LookupEventsResponse response =
        calls.call(
            () ->
                clients
                    .cloudTrail(env)
                    .lookupEvents(
                        r ->
                            r.startTime(since)
                                .endTime(now)
                                .maxResults(50)
                                .lookupAttributes(attribute)));
    for (Event e : response.events()) { // newest first
      Optional<ChangeEvent> event = parse(e);
      if (event.isEmpty()) continue;
      ChangeEvent c = event.get();
      if (c.byPointsman() || !c.writes() || !c.identifies() || !resource.concerns(c)) continue;
      return c.who();
    }
    return Attribution.unknown(
        "no CloudTrail write event names it since "
            + since
            + "; CloudTrail can take up to 15 minutes to deliver");
  }

  private static Optional<ChangeEvent> parse(Event e) {
    Set<String> names =
        e.hasResources()
            ? e.resources().stream().map(Resource::resourceName).collect(Collectors.toSet())
            : Set.of();
    try {
      JsonNode record = JSON.readTree(e.cloudTrailEvent() == null ? "{}" : e.cloudTrailEvent());
      return CloudTrailRecords.parse(record, names);
    } catch (IOException ex) {
      return Optional.empty();
    }
  }

  private static String source(DesiredResource r) {
    return switch (r.id().kind()) {
      case "ApiStage" -> "apigateway";
      case "EcsService" -> "ecs";
      case "AppConfigDeployment" -> "appconfig";
      default -> "lambda";
    };
  }
}
