package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pointsman.git.Secret;
import dev.pointsman.http.AgentHttpServer;
import dev.pointsman.reconcile.AgentLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The release board in a real headless Chromium, against a real agent and the emulator seeded with
 * what manifests-example expects: what it shows, that it follows changes without a reload, that
 * values from Git and AWS are text, the rollout controls, and a restart of the agent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardIT {
  private static final String TOKEN = "board-ops-token";
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";
  @TempDir static Path tmp;
  private static GitFixture repo;
  private static ChatReceiver chat;
  private static RunHarness agent;
  private static AgentLoop loop;
  private static AgentHttpServer http;
  private static int port;
  private static ChromeDriver browser;
  private static final LambdaFixture lambda = new LambdaFixture();
  private static String hostileApi;

  @BeforeAll
  static void start() throws Exception {
    seedExample();
    repo = new GitFixture(tmp.resolve("repo"));
    copyExample(tmp.resolve("repo"));
    try (ApiGatewayFixture api = new ApiGatewayFixture()) {
      String name = HOSTILE + " " + LambdaFixture.uniqueName("api");
      List<String> ids = api.createApi(name, 1);
      api.createStage(ids.get(0), "v1", ids.get(1), Map.of());
      hostileApi = name;
      repo.write(
          "dev/hostile.yaml",
          """
          apiVersion: pointsman.dev/v1
          kind: ApiStage
          metadata:
            name: hostile
          spec:
            restApiName: "%s"
            stage: v1
            deploymentId: "%s"
          """
              .formatted(name, ids.get(1)));
    }
    repo.commit("Release pointers for the shop <script>alert('subject')</script>");
    chat = new ChatReceiver();
    startAgent(0);
    browser = browser();
    browser.get("http://127.0.0.1:" + port + "/");
  }

  private static void startAgent(int httpPort) throws IOException {
    agent = new RunHarness(repo.url(), tmp.resolve("work"), chat, Duration.ofMinutes(5));
    loop = agent.runtime.loop(Duration.ofMillis(300), Duration.ofSeconds(1));
    Thread t = new Thread(loop::run, "board-loop");
    t.setDaemon(true);
    t.start();
    http =
        new AgentHttpServer(
            new InetSocketAddress("127.0.0.1", httpPort),
            new AgentHttpServer.Wiring(
                agent.runtime.status(),
                agent.runtime.drifts(),
                agent.runtime.health(),
                agent.runtime.metrics(),
                Duration.ofMinutes(1),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                loop::trigger,
                agent.runtime.rollouts(),
                Optional.of(new Secret(TOKEN)),
                agent.runtime.rolloutEvents(),
                Optional.empty(),
                Optional.of("https://github.com/acme/releases.git")));
    port = http.port();
  }

  private static void stopAgent() {
    loop.stop();
    http.close();
    agent.close();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (agent != null) stopAgent();
    if (chat != null) chat.close();
    if (repo != null) repo.close();
    lambda.close();
  }

  /** The example's AWS resources, created by the same script the demo uses. */
  private static void seedExample() throws Exception {
    Path ids = tmp.resolve("deployment-ids.sed");
    ProcessBuilder pb =
        new ProcessBuilder(python(), "../scripts/seed_emulator.py", "--ids", ids.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("seed.log").toFile());
    pb.environment().putAll(AgentProcess.awsEnv(Emulator.endpoint()));
    Process p = pb.start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("seed.log"))).isZero();
  }

  private static String python() {
    String configured = System.getProperty("pointsman.test.python", "");
    return configured.isBlank() ? "../.venv/bin/python" : configured;
  }

  private static void copyExample(Path target) throws IOException {
    List<String[]> ids = new ArrayList<>();
    for (String line : Files.readAllLines(tmp.resolve("deployment-ids.sed"))) {
      String[] parts = line.split("/"); // s/"example"/"actual"/g
      ids.add(new String[] {parts[1], parts[2]});
    }
    Path example = Path.of("../manifests-example");
    try (Stream<Path> files = Files.walk(example)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = target.resolve(example.relativize(f).toString());
        Files.createDirectories(to.getParent());
        String text = Files.readString(f);
        for (String[] id : ids) text = text.replace(id[0], id[1]);
        Files.writeString(to, text);
      }
    }
  }

  private static ChromeDriver browser() throws IOException {
    String driver = System.getProperty("pointsman.test.chromedriver", "/usr/bin/chromedriver");
    String chromium = System.getProperty("pointsman.test.chromium", "/usr/bin/chromium");
    if (!Files.isExecutable(Path.of(driver)) || !Files.isExecutable(Path.of(chromium)))
      throw new IllegalStateException(
          "the board's browser tests need Chromium and its driver ("
              + chromium
              + ", "
              + driver
              + "): run ./scripts/test, which installs Debian's chromium and chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,800");
    // Chromium's temporary files (its singleton socket folder) in this test's folder, not left in
    // /tmp.
    Path scratch = Files.createDirectories(tmp.resolve("browser-tmp"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(driver).toFile())
            .withEnvironment(Map.of("TMPDIR", scratch.toString()))
            .build();
    return new ChromeDriver(service, options);
  }

  private static WebElement cell(String resource) {
    return browser.findElement(By.cssSelector("[data-resource=\"" + resource + "\"]"));
  }

  /** A wait that looks again when the board re-rendered the element it was looking at. */
  private static WebDriverWait waiting(int seconds) {
    return (WebDriverWait)
        new WebDriverWait(browser, Duration.ofSeconds(seconds))
            .ignoring(StaleElementReferenceException.class);
  }

  /** {@code read} of a cell, looked up again if the board re-rendered it meanwhile. */
  private static <T> T read(String resource, Function<WebElement, T> read) {
    return waiting(5).until(b -> read.apply(cell(resource)));
  }

  private static void awaitCell(String resource, String state, String text) {
    waiting(20)
        .until(
            b -> {
              List<WebElement> found =
                  b.findElements(By.cssSelector("[data-resource=\"" + resource + "\"]"));
              return !found.isEmpty()
                  && state.equals(found.get(0).getAttribute("data-state"))
                  && found.get(0).getText().contains(text);
            });
  }

  private static void screenshot(String name) throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Path out = Path.of("target", "board-" + name + ".png");
    Files.createDirectories(out.getParent());
    Files.copy(png, out, StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getProperty("pointsman.test.screenshots", "");
    if (!docs.isBlank())
      Files.copy(png, Path.of(docs, "board-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(1)
  void showsTheExampleEnvironmentsAndVersions() throws Exception {
    awaitCell("prod/LambdaAlias/process-order", "in_sync", "2");
    awaitCell("staging/LambdaAlias/order-worker", "in_sync", "2 (+3 at 10%)");
    List<String> headers =
        browser.findElements(By.cssSelector("table.board thead th")).stream()
            .map(WebElement::getText)
            .filter(t -> !t.equals("pointer"))
            .map(t -> t.split("\n")[0])
            .distinct()
            .toList();
    assertThat(headers).containsExactly("dev", "prod", "staging");
    assertThat(read("dev/LambdaAlias/process-order", WebElement::getText)).contains("3");
    assertThat(read("prod/EcsService/orders-service", WebElement::getText))
        .contains("web: orders@aaaaaaaaaaaa");
    assertThat(read("prod/AppConfigDeployment/checkout-flags", WebElement::getText))
        .contains("version 2");
    String classes = read("prod/LambdaAlias/process-order", e -> e.getAttribute("class"));
    assertThat(classes)
        .as("prod serves 2, dev 3: marked as different from its neighbour")
        .contains("differs-from-previous");
    assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
    screenshot("desktop");
    browser.manage().window().setSize(new Dimension(390, 844));
    Thread.sleep(500);
    assertThat(read("prod/LambdaAlias/process-order", WebElement::isDisplayed)).isTrue();
    screenshot("phone");
    browser.manage().window().setSize(new Dimension(1280, 800));
  }

  @Test
  @Order(2)
  void valuesFromGitAndAwsAreTextNeverHtml() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    assertThat(page.body()).doesNotContain("<script>").contains("src=\"/board.js\"");
    awaitCell("dev/ApiStage/hostile", "in_sync", "deployment");
    String shown = browser.findElement(By.tagName("body")).getText();
    assertThat(shown).contains("REST API " + hostileApi, "<script>alert('subject')</script>");
    assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert())
        .as("no script ran")
        .isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  @Order(3)
  void aCommitPromotesAndTheCellChangesWithoutAReload() throws Exception {
    ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
    String file = Files.readString(repo.dir().resolve("prod/process-order.yaml"));
    repo.write("prod/process-order.yaml", file.replace("version: 2", "version: 3"))
        .commit("Promote ProcessOrder 3 to prod");
    awaitCell("prod/LambdaAlias/process-order", "in_sync", "3");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded"))
        .isEqualTo(true);
    waiting(10)
        .until(
            b ->
                b.findElement(By.id("history"))
                    .getText()
                    .contains("Promote ProcessOrder 3 to prod"));
  }

  @Test
  @Order(4)
  void aHandChangeTurnsACellToDriftAndBackWhenUndone() {
    lambda.setAliasByHand("OrderWorker", "prod", "3");
    awaitCell("prod/LambdaAlias/order-worker", "drift", "version 3");
    assertThat(read("prod/LambdaAlias/order-worker", WebElement::getText))
        .contains("live 3, Git 2");
    lambda.setAliasByHand("OrderWorker", "prod", "2");
    awaitCell("prod/LambdaAlias/order-worker", "in_sync", "2");
  }

  @Test
  @Order(5)
  void aRolloutShowsItsStepAndTheControlsPauseItWithTheTokenOnly() throws Exception {
    repo.write(
            "dev/process-order.yaml",
            Manifests.alias("process-order", "ProcessOrder", "dev", "2")
                + "  rollout:\n    steps: [{weight: 10, pause: 1h}, {weight: 50, pause: 1h}]\n")
        .commit("Roll out ProcessOrder 2 in dev");
    awaitCell("dev/LambdaAlias/process-order", "rolling", "step 1 of 2 at 10%");
    List<WebElement> buttons =
        read("dev/LambdaAlias/process-order", e -> e.findElements(By.cssSelector("button")));
    assertThat(buttons).as("read-only without the token").isEmpty();

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> refused =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/rollouts/dev/LambdaAlias/ProcessOrder/dev/pause"))
                .header("Authorization", "Bearer wrong")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);

    browser.findElement(By.id("token")).sendKeys(TOKEN);
    browser.findElement(By.cssSelector("#unlock button")).click();
    waiting(10)
        .until(
            b ->
                !cell("dev/LambdaAlias/process-order")
                    .findElements(By.cssSelector("button[data-action=pause]"))
                    .isEmpty());
    read(
        "dev/LambdaAlias/process-order",
        e -> {
          e.findElement(By.cssSelector("button[data-action=pause]")).click();
          return true;
        });
    awaitCell("dev/LambdaAlias/process-order", "rolling", "paused");
    screenshot("rollout");
  }

  @Test
  @Order(6)
  void thePageFollowsTheAgentAcrossARestart() throws Exception {
    int before = port;
    stopAgent();
    waiting(10).until(b -> b.findElement(By.id("connection")).getText().contains("reconnecting"));
    startAgent(before);
    waiting(20).until(b -> b.findElement(By.id("connection")).getText().equals("live"));
    repo.write(
            "staging/order-worker.yaml",
            Manifests.alias("order-worker", "OrderWorker", "staging", "1"))
        .commit("Roll staging OrderWorker back to 1");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> lambda.alias("OrderWorker", "staging").functionVersion().equals("1"));
    awaitCell("staging/LambdaAlias/order-worker", "in_sync", "1");
  }
}
