package dev.pointsman.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.model.DriftPolicy;
import dev.pointsman.model.Environment;
import dev.pointsman.model.Source;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * WireMock answering as AWS does where the emulator cannot show it, with real SDK clients pointed
 * at it. Register with {@code @RegisterExtension}; stub and verify through {@link #server()}.
 */
public final class FakeAws implements BeforeEachCallback, AfterEachCallback {
  public static final Environment ENV =
      new Environment(
          "prod",
          "us-east-1",
          "123456789012",
          Optional.empty(),
          DriftPolicy.REPORT,
          true,
          new Source("prod/environment.yaml", 1));

  private final WireMockServer server =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private AwsClients clients;

  public WireMockServer server() {
    return server;
  }

  public AwsClients clients() {
    return clients;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.start();
    clients =
        new AwsClients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
            Optional.of(URI.create(server.baseUrl())));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.close();
    server.stop();
  }
}
