package dev.pointsman.cli;

import dev.pointsman.aws.AwsClients;
import dev.pointsman.lease.DynamoLease;
import dev.pointsman.reconcile.Leadership;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Builds the leadership of {@code run}: alone, or a DynamoDB lease shared by agents of one
 * repository.
 */
final class Leases {
  private Leases() {}

  static Leadership of(RunOptions run, SourceOptions source, AwsClients aws) {
    if (run.leaseTable == null || run.leaseTable.isBlank()) return Leadership.ALONE;
    String region =
        Optional.ofNullable(run.leaseRegion)
            .orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion().id());
    return new DynamoLease(
        aws.dynamoDb(region),
        run.leaseTable,
        key(source),
        holder(),
        run.leaseTtl,
        Clock.systemUTC());
  }

  /** Agents share a lease when they follow the same repository, path and environments. */
  static String key(SourceOptions s) {
    String identity = s.repo + "|" + s.path + "|" + new TreeSet<>(s.environments());
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "pointsman/" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    return host
        + ":"
        + ManagementFactory.getRuntimeMXBean().getPid()
        + ":"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
