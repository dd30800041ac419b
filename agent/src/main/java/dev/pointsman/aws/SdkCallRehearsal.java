package dev.pointsman.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Runs the SDK's whole call pipeline (marshalling, signing, the Apache HTTP client sending a body,
 * unmarshalling) for the operations of the declared kinds once, against a server on the loopback
 * interface that answers each with every field of its response set ({@link SampleAnswer}): AWS is
 * never called, and the agent's own clients (their interceptors, metrics, rate limits) are not
 * used. The warm-up's reads find converged pointers; a promotion's own calls (GetFunction of the
 * new version, UpdateAlias, UpdateStage, UpdateService, ...) and their answers would otherwise run
 * this code cold (15–20 ms on the first promotion after a start before there was a rehearsal).
 *
 * <p>The calls are made in rounds until at least {@link #CALLS} were made: the agent's JVM compiles
 * a method once it has run about 200 times (C1 only, see docs/operations.md), and a promotion makes
 * two or three calls, so after one round much of the pipeline was still interpreted for a restarted
 * agent's first dozen promotions (see docs/benchmarks.md, "What changed since 8f97171").
 */
final class SdkCallRehearsal {
  private static final Logger log = LoggerFactory.getLogger(SdkCallRehearsal.class);
  private static final String TEXT = "rehearsal";
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  /**
   * Calls made at least, in rounds over the operations (see above), 1–2.5 ms each: about 2 s more
   * warm start at N = 3000 than 500 calls, for promotions 3–14 after a restart about 5 ms faster in
   * four alternating pairs (docs/benchmarks.md).
   */
  static final int CALLS = 2000;

  /**
   * Rounds after the first start only within this long from the first call, wherever the calls are
   * slower (a busy machine; a JDK HTTP server left waiting for delayed ACKs, 40 ms a call).
   */
  static final Duration ROUNDS_WITHIN = Duration.ofSeconds(5);

  /** A service's client interface and builder. */
  private record Service(
      Class<? extends SdkClient> type, Supplier<AwsClientBuilder<?, ?>> builder) {}

  /** The services whose writes a pass makes, by {@link AwsOperation#service()}. */
  private static final Map<String, Service> SERVICES =
      Map.of(
          "lambda", new Service(LambdaClient.class, LambdaClient::builder),
          "apigateway", new Service(ApiGatewayClient.class, ApiGatewayClient::builder),
          "ecs", new Service(EcsClient.class, EcsClient::builder),
          "appconfig", new Service(AppConfigClient.class, AppConfigClient::builder));

  private SdkCallRehearsal() {}

  /**
   * Calls each of {@code operations} of the services above in rounds until {@link #CALLS} calls
   * were made, waiting whenever {@code busy}; returns the requests the loopback server received
   * ({@code "PUT /2015-03-31/functions/..."}).
   */
  static List<String> run(Collection<AwsOperation> operations, BooleanSupplier busy)
      throws IOException {
    return run(operations, busy, CALLS, new ArrayList<>());
  }

  /**
   * As above, until at least {@code calls} calls were made (one round at least, and no round begun
   * after {@link #ROUNDS_WITHIN}); {@code answers}: what each call of the first round returned (a
   * response model), in order.
   */
  static List<String> run(
      Collection<AwsOperation> operations, BooleanSupplier busy, int calls, List<Object> answers)
      throws IOException {
    List<String> served = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<byte[]> answer = new AtomicReference<>(EMPTY);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          served.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
          byte[] body = answer.get();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    Map<Service, List<AwsOperation>> byService = new LinkedHashMap<>();
    SERVICES.forEach(
        (name, service) -> {
          List<AwsOperation> mine =
              operations.stream().filter(op -> op.service().equals(name)).toList();
          if (!mine.isEmpty()) byService.put(service, mine);
        });
    Map<Service, SdkClient> clientOf = new LinkedHashMap<>();
    try (SdkHttpClient http =
        ApacheHttpClient.builder()
            .maxConnections(1)
            .proxyConfiguration(ScriptedLoopback.noProxy())
            .build()) {
      for (Service sv : byService.keySet())
        clientOf.put(sv, client(sv.builder().get(), http, endpoint));
      long until = System.nanoTime() + ROUNDS_WITHIN.toNanos();
      for (int round = 0;
          round == 0 || (served.size() < calls && System.nanoTime() < until);
          round++) {
        int before = served.size();
        Consumer<Object> keep = round == 0 ? answers::add : ignored -> {};
        for (Map.Entry<Service, List<AwsOperation>> e : byService.entrySet()) {
          for (AwsOperation op : e.getValue()) {
            if (!SdkModels.idle(busy)) return served;
            call(e.getKey().type(), clientOf.get(e.getKey()), op, answer).ifPresent(keep);
          }
        }
        if (served.size() == before) break; // nothing of these services reached the server
      }
    } finally {
      clientOf.values().forEach(SdkClient::close);
      server.stop(0);
    }
    return served;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SdkClient client(AwsClientBuilder builder, SdkHttpClient http, URI endpoint) {
    builder
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(TEXT, TEXT)))
        .endpointOverride(endpoint)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build());
    ((AwsSyncClientBuilder) builder).httpClient(http);
    return (SdkClient) builder.build();
  }

  /**
   * {@code op} with every string field of its request set (path parameters must not be empty),
   * answered with every field of its response set (see {@link SampleAnswer}); what it returned.
   */
  private static Optional<Object> call(
      Class<? extends SdkClient> type,
      SdkClient client,
      AwsOperation op,
      AtomicReference<byte[]> answer) {
    String name = op.operation();
    String method = name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    try {
      String model = type.getPackageName() + ".model." + name;
      Object response = Class.forName(model + "Response").getMethod("builder").invoke(null);
      answer.set(SampleAnswer.of((SdkPojo) response));
      Class<?> request = Class.forName(model + "Request");
      Object builder = request.getMethod("builder").invoke(null);
      for (SdkField<?> field : ((SdkPojo) builder).sdkFields()) {
        if (field.marshallingType() == MarshallingType.STRING) field.set(builder, TEXT);
      }
      Method call = type.getMethod(method, request);
      return Optional.of(call.invoke(client, ((SdkBuilder<?, ?>) builder).build()));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // An answer the operation cannot read, or no such method: the pipeline ran all the same.
      log.debug("rehearsed {} {}: {}", op.service(), name, e.toString());
      return Optional.empty();
    }
  }
}
