package dev.pointsman.lease;

import dev.pointsman.aws.AwsFailure;
import dev.pointsman.reconcile.Leadership;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A lease in a DynamoDB table (partition key {@code lease}, a string), taken and renewed with one
 * conditional PutItem: the item may be written when it does not exist, has expired, or is already
 * ours. A leader that dies stops renewing; another agent takes over once the lease expires, so
 * within {@code ttl} plus one renewal period.
 */
public final class DynamoLease implements Leadership {
  private static final Logger log = LoggerFactory.getLogger(DynamoLease.class);
  private final DynamoDbClient dynamo;
  private final String table;
  private final String key;
  private final String holder;
  private final Duration ttl;
  private final Clock clock;
  private volatile boolean leading;
  private volatile long expiresAt;
  private String lastProblem;

  public DynamoLease(
      DynamoDbClient dynamo, String table, String key, String holder, Duration ttl, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.key = key;
    this.holder = holder;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public synchronized boolean lead() {
    long now = clock.millis();
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(
                      Map.of(
                          "lease",
                          s(key),
                          "holder",
                          s(holder),
                          "expiresAt",
                          n(now + ttl.toMillis()),
                          "renewedAt",
                          n(now)))
                  .conditionExpression(
                      "attribute_not_exists(lease) OR expiresAt < :now OR holder = :me")
                  .expressionAttributeValues(Map.of(":now", n(now), ":me", s(holder))));
      if (!leading) log.info("acquired the lease {} in table {} as {}; acting", key, table, holder);
      leading = true;
      expiresAt = now + ttl.toMillis();
      lastProblem = null;
    } catch (ConditionalCheckFailedException e) {
      if (leading) log.warn("lost the lease {} to another agent; standing by", key);
      else if (lastProblem == null) log.info("another agent holds the lease {}; standing by", key);
      leading = false;
      lastProblem = "held by another agent";
    } catch (SdkException e) {
      String problem = "cannot reach lease table " + table + ": " + AwsFailure.describe(e);
      if (!problem.equals(lastProblem)) log.error("{}; not acting until it answers", problem);
      lastProblem = problem;
      leading = false; // without the lease confirmed, acting could mean two agents apply
    }
    return leading;
  }

  @Override
  public Optional<String> refusal() {
    if (!leading) return Optional.of("this replica does not hold the lease " + key);
    if (clock.millis() >= expiresAt)
      return Optional.of("the lease " + key + " expired before it was renewed");
    return Optional.empty();
  }

  @Override
  public Duration renewEvery() {
    return ttl.dividedBy(3);
  }

  @Override
  public synchronized void release() {
    if (!leading) return;
    try {
      dynamo.deleteItem(
          r ->
              r.tableName(table)
                  .key(Map.of("lease", s(key)))
                  .conditionExpression("holder = :me")
                  .expressionAttributeValues(Map.of(":me", s(holder))));
      log.info("released the lease {}", key);
    } catch (SdkException e) {
      log.warn(
          "could not release the lease {} (it expires by itself): {}", key, AwsFailure.describe(e));
    }
    leading = false;
  }

  private static AttributeValue s(String v) {
    return AttributeValue.builder().s(v).build();
  }

  private static AttributeValue n(long v) {
    return AttributeValue.builder().n(Long.toString(v)).build();
  }
}
