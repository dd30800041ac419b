package dev.pointsman.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.ScriptedLoopback;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.PromotionRehearsal;
import dev.pointsman.reconcile.Reconciler;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * The warm start's promotion rehearsal, wired as the agent wires it: each kind's script still fits
 * the calls its reader and applier make (a promotion applied, every call answered), and nothing of
 * it reaches the log.
 */
class PromotionRehearsalTest {
  // The agent's own clients: the rehearsal must never use them (an unroutable endpoint).
  private final AwsClients agentClients =
      new AwsClients(
          AnonymousCredentialsProvider.create(), Optional.of(URI.create("http://0.0.0.0:9")));
  private final ExecutorService readers = Reconciler.readerPool();
  private Components.Wiring wiring;
  private Pass pass;

  @BeforeEach
  void wire() {
    wiring =
        new Components.Wiring(agentClients, new AwsCalls(AwsCalls.RetryPolicy.defaults()), readers);
    pass = Components.pass(wiring);
  }

  @AfterEach
  void close() {
    readers.shutdownNow();
    agentClients.close();
  }

  private static Set<String> scriptedKinds() {
    return Kinds.rehearsals().stream()
        .map(PromotionRehearsal.Script::kind)
        .collect(Collectors.toSet());
  }

  @Test
  void everyScriptedKindIsPromotedEveryRoundWithEveryCallAnswered() throws Exception {
    assertThat(scriptedKinds())
        .as("kinds with a script")
        .containsExactlyInAnyOrder("LambdaAlias", "ApiStage", "EcsService");

    PromotionRehearsal.Result result =
        pass.rehearsePromotion(scriptedKinds(), () -> false, () -> true);

    assertThat(result.problems()).isEmpty();
    assertThat(result.promotions().keySet()).isEqualTo(scriptedKinds());
    assertThat(result.promotions().values()).allMatch(n -> n > 1, "more than one round");
  }

  @Test
  void duringACatchUpOneRoundOnly() throws Exception {
    PromotionRehearsal.Result result =
        pass.rehearsePromotion(scriptedKinds(), () -> false, () -> false);

    assertThat(result.problems()).isEmpty();
    assertThat(result.promotions().keySet()).isEqualTo(scriptedKinds());
    assertThat(result.promotions().values()).containsOnly(1);
  }

  @Test
  void onlyTheKindsDeclaredAreRehearsedAndKindsWithoutAScriptAreLeftOut() throws Exception {
    assertThat(scriptedKinds()).doesNotContain("AppConfigDeployment");

    PromotionRehearsal.Result result =
        pass.rehearsePromotion(Set.of("ApiStage", "AppConfigDeployment"), () -> false, () -> true);

    assertThat(result.problems()).isEmpty();
    assertThat(result.promotions().keySet()).containsExactly("ApiStage");
  }

  @Test
  void aScriptThatNoLongerFitsTheCallsIsReportedNotSilentlyPassed() throws Exception {
    PromotionRehearsal.Script lambda =
        Kinds.rehearsals().stream().filter(s -> s.kind().equals("LambdaAlias")).findFirst().get();
    // Without its answer to UpdateAlias: the write fails, as it would against a changed API.
    List<ScriptedLoopback.Answer> fewer =
        lambda.answers().stream().filter(a -> !a.request().pattern().startsWith("PUT")).toList();
    PromotionRehearsal stale =
        new PromotionRehearsal(
            List.of(new PromotionRehearsal.Script("LambdaAlias", lambda.spec(), fewer)),
            endpoint -> Components.rehearsalStage(wiring, endpoint),
            Clock.systemUTC());

    PromotionRehearsal.Result result = stale.run(Set.of("LambdaAlias"), () -> false, () -> true);

    assertThat(result.promotions()).isEmpty();
    assertThat(result.problems())
        .anyMatch(p -> p.startsWith("LambdaAlias: not applied"))
        .anyMatch(p -> p.startsWith("no scripted answer to PUT /2015-03-31/functions/rehearsal"));
  }

  @Test
  void nothingTheRehearsalDoesIsLoggedAndTheThreadLogsAgainAfterwards() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    root.addAppender(seen);
    try {
      PromotionRehearsal.Result result =
          pass.rehearsePromotion(scriptedKinds(), () -> false, () -> true);
      assertThat(result.promotions()).isNotEmpty();
      assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
      LoggerFactory.getLogger(PromotionRehearsalTest.class).info("after the rehearsal");
    } finally {
      root.detachAppender(seen);
    }
    assertThat(seen.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("after the rehearsal");
  }
}
