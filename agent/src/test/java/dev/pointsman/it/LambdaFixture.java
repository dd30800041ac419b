package dev.pointsman.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Creates functions with published versions directly in the emulator (not through the recorder),
 * and reads aliases back through the SDK so tests assert on live state. Each test uses fresh names.
 */
public final class LambdaFixture implements AutoCloseable {
  private final LambdaClient lambda = Emulator.client(LambdaClient.builder());

  public LambdaClient client() {
    return lambda;
  }

  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A new function with {@code versions} published versions (1..n); returns their code hashes. */
  public List<String> createFunction(String name, int versions) {
    lambda.createFunction(
        r ->
            r.functionName(name)
                .runtime(Runtime.PYTHON3_12)
                .handler("handler.handler")
                .role("arn:aws:iam::" + Emulator.ACCOUNT + ":role/lambda-basic")
                .code(c -> c.zipFile(zip(name, 0))));
    lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    List<String> shas = new ArrayList<>();
    for (int build = 1; build <= versions; build++) {
      int b = build;
      lambda.updateFunctionCode(r -> r.functionName(name).zipFile(zip(name, b)));
      lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
      shas.add(lambda.publishVersion(r -> r.functionName(name)).codeSha256());
    }
    return shas;
  }

  /**
   * Creates many functions at once (the emulator keeps each Pending for a while; waiting for them
   * one after the other would take seconds per function).
   */
  public void createFunctions(List<String> names, int versions) throws InterruptedException {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(Math.min(12, names.size()));
    try {
      List<java.util.concurrent.Future<List<String>>> done = new ArrayList<>();
      for (String name : names) done.add(pool.submit(() -> createFunction(name, versions)));
      for (var f : done) f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("creating functions failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  public AliasConfiguration alias(String function, String alias) {
    var a = lambda.getAlias(r -> r.functionName(function).name(alias));
    return AliasConfiguration.builder()
        .name(a.name())
        .functionVersion(a.functionVersion())
        .routingConfig(a.routingConfig())
        .revisionId(a.revisionId())
        .build();
  }

  public Map<String, Double> weights(String function, String alias) {
    var routing = alias(function, alias).routingConfig();
    return routing == null ? Map.of() : routing.additionalVersionWeights();
  }

  /** Changes an alias behind Pointsman's back, as someone in the console would. */
  public void setAliasByHand(String function, String alias, String version) {
    lambda.updateAlias(r -> r.functionName(function).name(alias).functionVersion(version));
  }

  /** A Python function with {@code code} as handler.py (a verification hook, say). */
  public void createPythonFunction(String name, String code) {
    lambda.createFunction(
        r ->
            r.functionName(name)
                .runtime(Runtime.PYTHON3_12)
                .handler("handler.handler")
                .timeout(30)
                .role("arn:aws:iam::" + Emulator.ACCOUNT + ":role/lambda-basic")
                .code(c -> c.zipFile(zipOf(code))));
    lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
  }

  private static SdkBytes zipOf(String code) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("handler.py"));
      zip.write(code.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.finish();
      return SdkBytes.fromByteArray(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SdkBytes zip(String function, int build) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("handler.py"));
      zip.write(
          ("def handler(event, context):\n    return '" + function + " build " + build + "'\n")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.finish();
      return SdkBytes.fromByteArray(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    lambda.close();
  }
}
