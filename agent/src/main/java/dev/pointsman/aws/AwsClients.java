package dev.pointsman.aws;

import dev.pointsman.model.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One SDK client per service, Region and role, sharing one Apache HTTP client (it can send PATCH,
 * which API Gateway needs). Endpoints and credentials come from the SDK's standard chain ({@code
 * AWS_ENDPOINT_URL}, {@code AWS_REGION}, profiles, IRSA, ...) unless an override is given, so the
 * same binary runs against an emulator and real AWS.
 */
public final class AwsClients implements AutoCloseable {
  /**
   * Set on every call made through these clients (the agent's own), so that a global interceptor
   * can tell them from other clients in the same process (tests check them against the IAM policy).
   */
  public static final ExecutionAttribute<Boolean> AGENT_CALL =
      new ExecutionAttribute<>("PointsmanAgentCall");

  private final SdkHttpClient http;
  private final AwsCredentialsProvider baseCredentials;
  private final Optional<URI> endpointOverride;
  private final Map<String, SdkClient> clients = new HashMap<>();

  private final List<ExecutionInterceptor> interceptors;
  private final Optional<RateLimits> limits;

  public AwsClients(AwsCredentialsProvider baseCredentials, Optional<URI> endpointOverride) {
    this(baseCredentials, endpointOverride, List.of());
  }

  /** With interceptors on every client (call metrics, say). */
  public AwsClients(
      AwsCredentialsProvider baseCredentials,
      Optional<URI> endpointOverride,
      List<ExecutionInterceptor> interceptors) {
    this(baseCredentials, endpointOverride, interceptors, Optional.empty());
  }

  /** With interceptors and client-side rate limits per account, Region and API family. */
  public AwsClients(
      AwsCredentialsProvider baseCredentials,
      Optional<URI> endpointOverride,
      List<ExecutionInterceptor> interceptors,
      Optional<RateLimits> limits) {
    this(
        ApacheHttpClient.builder().maxConnections(50).build(),
        baseCredentials,
        endpointOverride,
        interceptors,
        limits);
  }

  private AwsClients(
      SdkHttpClient http,
      AwsCredentialsProvider baseCredentials,
      Optional<URI> endpointOverride,
      List<ExecutionInterceptor> interceptors,
      Optional<RateLimits> limits) {
    this.http = http;
    this.baseCredentials = baseCredentials;
    this.endpointOverride = endpointOverride;
    this.interceptors = List.copyOf(interceptors);
    this.limits = limits;
  }

  /**
   * Clients of every service that call {@code endpoint} (a loopback server: a rehearsal) straight,
   * whatever proxy the environment names for AWS, with throwaway credentials: no rate limits, no
   * metrics.
   */
  public static AwsClients loopback(URI endpoint) {
    return new AwsClients(
        ApacheHttpClient.builder()
            .maxConnections(4)
            .proxyConfiguration(ScriptedLoopback.noProxy())
            .build(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("rehearsal", "rehearsal")),
        Optional.of(endpoint),
        List.of(),
        Optional.empty());
  }

  /** Standard clients under client-side rate limits (one-shot commands). */
  public static AwsClients limited(Quotas quotas) {
    return new AwsClients(
        DefaultCredentialsProvider.builder().build(),
        Optional.empty(),
        List.of(),
        Optional.of(new RateLimits(quotas, Duration.ofMinutes(1))));
  }

  public LambdaClient lambda(Environment env) {
    return forEnvironment(env, LambdaClient.class, LambdaClient::builder);
  }

  public AppConfigClient appConfig(Environment env) {
    return forEnvironment(env, AppConfigClient.class, AppConfigClient::builder);
  }

  public StsClient sts(Environment env) {
    return forEnvironment(env, StsClient.class, StsClient::builder);
  }

  public ApiGatewayClient apiGateway(Environment env) {
    return forEnvironment(env, ApiGatewayClient.class, ApiGatewayClient::builder);
  }

  public EcsClient ecs(Environment env) {
    return forEnvironment(env, EcsClient.class, EcsClient::builder);
  }

  public SsmClient ssm(Environment env) {
    return forEnvironment(env, SsmClient.class, SsmClient::builder);
  }

  public CloudWatchClient cloudWatch(Environment env) {
    return forEnvironment(env, CloudWatchClient.class, CloudWatchClient::builder);
  }

  public CloudTrailClient cloudTrail(Environment env) {
    return forEnvironment(env, CloudTrailClient.class, CloudTrailClient::builder);
  }

  public SqsClient sqs(Environment env) {
    return forEnvironment(env, SqsClient.class, SqsClient::builder);
  }

  public SecretsManagerClient secretsManager(Environment env) {
    return forEnvironment(env, SecretsManagerClient.class, SecretsManagerClient::builder);
  }

  private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>>
      C forEnvironment(Environment env, Class<C> type, Supplier<B> builder) {
    return client(
        type.getSimpleName() + "|" + key(env),
        type,
        () -> build(builder.get(), env.region(), env.accountId(), credentials(env)));
  }

  /** DynamoDB with the agent's own identity (not an environment's role), for the lease table. */
  public DynamoDbClient dynamoDb(String region) {
    return client(
        "DynamoDbClient|base|" + region,
        DynamoDbClient.class,
        () -> build(DynamoDbClient.builder(), region, "base-identity", baseCredentials));
  }

  private static String key(Environment env) {
    return env.region() + "|" + env.roleArn().orElse("");
  }

  private synchronized <C extends SdkClient> C client(
      String key, Class<C> type, Supplier<C> factory) {
    SdkClient existing = clients.get(key);
    if (existing == null) {
      existing = factory.get();
      clients.put(key, existing);
    }
    return type.cast(existing);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, String region, String account, AwsCredentialsProvider credentials) {
    List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
    limits.ifPresent(l -> all.add(0, new RateLimitInterceptor(l, account, region)));
    builder
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .executionInterceptors(all)
                    // CloudTrail records it: drift attribution tells the agent's own writes apart.
                    .putAdvancedOption(
                        SdkAdvancedClientOption.USER_AGENT_SUFFIX,
                        CloudTrailRecords.USER_AGENT_MARK)
                    .putExecutionAttribute(AGENT_CALL, Boolean.TRUE))
        .httpClient(http);
    endpointOverride.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The base chain, or the environment's role assumed through an STS client on the base chain. */
  private AwsCredentialsProvider credentials(Environment env) {
    if (env.roleArn().isEmpty()) return baseCredentials;
    StsClient base =
        client(
            "sts-base|" + env.region(),
            StsClient.class,
            () -> build(StsClient.builder(), env.region(), "base-identity", baseCredentials));
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(base)
        .refreshRequest(
            r -> r.roleArn(env.roleArn().get()).roleSessionName("pointsman-" + env.name()))
        .build();
  }

  @Override
  public synchronized void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
    http.close();
  }
}
