package dev.pointsman.it;

import java.net.URI;
import java.util.Optional;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS API emulator the integration tests talk to. By default scripts/test starts ministack and
 * passes its URL as {@code pointsman.test.endpoint}; with {@code -Plocalstack} a LocalStack
 * container is started through Testcontainers instead. No emulator is a test failure, never a skip.
 */
public final class Emulator {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "000000000000";
  private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";
  private static URI endpoint;

  private Emulator() {}

  public static synchronized URI endpoint() {
    if (endpoint != null) return endpoint;
    String kind = System.getProperty("pointsman.test.emulator", "external");
    if (kind.equals("localstack")) {
      LocalStackContainer container =
          new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE));
      Optional.ofNullable(System.getenv("LOCALSTACK_AUTH_TOKEN"))
          .ifPresent(t -> container.withEnv("LOCALSTACK_AUTH_TOKEN", t));
      container.start();
      endpoint = container.getEndpoint();
      return endpoint;
    }
    String url = System.getProperty("pointsman.test.endpoint", "");
    if (url.isBlank()) {
      throw new IllegalStateException(
          "integration tests need an AWS API emulator: run ./scripts/test (installs and starts ministack) "
              + "or mvn verify -Plocalstack (Docker)");
    }
    endpoint = URI.create(url);
    return endpoint;
  }

  /**
   * An SDK client talking to the emulator directly (fixtures: set-up and reading live state back).
   */
  public static <
          B extends
              software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
          C>
      C client(B builder) {
    return builder
        .endpointOverride(endpoint())
        .region(software.amazon.awssdk.regions.Region.of(REGION))
        .credentialsProvider(credentials())
        .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create())
        .build();
  }

  public static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  }
}
