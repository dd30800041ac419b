package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.cli.Components;
import dev.pointsman.git.CommitSignatures;
import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import dev.pointsman.model.Commit;
import dev.pointsman.outcome.PassResult;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.Reconciler;
import dev.pointsman.reconcile.WriteGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protected environments take only commits SSH-signed by a key in the allowed-signers file: real
 * keys from ssh-keygen, commits signed by the git CLI, signatures verified by JGit.
 */
class SignedCommitsIT {
  private static final ExecutorService READERS = Reconciler.readerPool();

  @AfterAll
  static void stopReaders() {
    READERS.shutdownNow();
  }

  @TempDir Path tmp;

  private Path keygen(String name, String comment) throws Exception {
    Path key = tmp.resolve(name);
    Process p =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor()).isZero();
    return tmp.resolve(name + ".pub");
  }

  @Test
  void unsignedAndUntrustedCommitsAreRefusedAndATrustedOneIsApplied() throws Exception {
    Path trusted = keygen("release-manager", "releases@example.com");
    Path rogue = keygen("rogue", "rogue@example.com");
    Path allowed = tmp.resolve("allowed_signers");
    Files.writeString(allowed, "releases@example.com " + Files.readString(trusted));
    String fn = LambdaFixture.uniqueName("signed");
    try (LambdaFixture lambda = new LambdaFixture();
        GitFixture repo = new GitFixture(tmp.resolve("repo"));
        HttpRecorder recorder = new HttpRecorder(Emulator.endpoint());
        AwsClients clients =
            new AwsClients(Emulator.credentials(), Optional.of(recorder.endpoint()));
        GitSource git =
            new GitSource(
                new GitSettings(
                    repo.url(),
                    Optional.empty(),
                    tmp.resolve("work"),
                    Optional.empty(),
                    Optional.empty()))) {
      lambda.createFunction(fn, 2);
      CommitSignatures signatures = new CommitSignatures(Optional.of(allowed), Optional.empty());
      Pass pass =
          Components.pass(
              new Components.Wiring(
                  clients,
                  new AwsCalls(AwsCalls.RetryPolicy.defaults()),
                  c -> git.untrustedSignature(c.sha(), signatures),
                  READERS,
                  WriteGuard.ALWAYS,
                  Clock.systemUTC()));
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
          .write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "1"));

      String unsigned = repo.commit("Unsigned change to prod");
      PassResult r1 = apply(git, pass);
      assertThat(r1.status()).isEqualTo(PassResult.Status.REJECTED);
      assertThat(r1.rejections())
          .singleElement()
          .asString()
          .isEqualTo(
              "commit "
                  + unsigned.substring(0, 12)
                  + ": commit "
                  + unsigned.substring(0, 12)
                  + " is not signed;"
                  + " protected environment(s) [prod] take only commits signed by a trusted key");

      repo.write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "2"))
          .commitSigned("Signed by a stranger", rogue, "rogue@example.com");
      PassResult r2 = apply(git, pass);
      assertThat(r2.status()).isEqualTo(PassResult.Status.REJECTED);
      assertThat(r2.rejections())
          .singleElement()
          .asString()
          .contains("not signed by a trusted key", "No principal matched");
      assertThat(recorder.lambdaWrites()).isEmpty();

      repo.write("prod/fn.yaml", "# reviewed and signed\n" + Manifests.alias("fn", fn, "live", "2"))
          .commitSigned("Signed release", trusted, "releases@example.com");
      PassResult r3 = apply(git, pass);
      assertThat(r3.status()).as(r3.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
    }
  }

  @Test
  void gpgSignaturesAreTrustedOnlyForKeysInTheTrustedKeyring() throws Exception {
    Path signerHome = Files.createDirectories(tmp.resolve("gpg-signer"));
    Path trustedHome = Files.createDirectories(tmp.resolve("gpg-trusted"));
    String bot = gpgKey(signerHome, "Release Bot <bot@example.com>", "bot@example.com");
    String rogue = gpgKey(signerHome, "Mallory <mallory@example.com>", "mallory@example.com");
    Files.writeString(trustedHome.resolve("bot.asc"), gpg(signerHome, "--armor", "--export", bot));
    gpg(trustedHome, "--batch", "--import", trustedHome.resolve("bot.asc").toString());
    String fn = LambdaFixture.uniqueName("gpg");
    try (LambdaFixture lambda = new LambdaFixture();
        GitFixture repo = new GitFixture(tmp.resolve("gpg-repo"));
        AwsClients clients =
            new AwsClients(Emulator.credentials(), Optional.of(Emulator.endpoint()));
        GitSource git =
            new GitSource(
                new GitSettings(
                    repo.url(),
                    Optional.empty(),
                    tmp.resolve("gpg-work"),
                    Optional.empty(),
                    Optional.empty()))) {
      lambda.createFunction(fn, 2);
      CommitSignatures signatures =
          new CommitSignatures(Optional.empty(), Optional.of(trustedHome));
      Pass pass =
          Components.pass(
              new Components.Wiring(
                  clients,
                  new AwsCalls(AwsCalls.RetryPolicy.defaults()),
                  c -> git.untrustedSignature(c.sha(), signatures),
                  READERS,
                  WriteGuard.ALWAYS,
                  Clock.systemUTC()));
      repo.write("prod/environment.yaml", Manifests.environment("prod", Emulator.ACCOUNT, true))
          .write("prod/fn.yaml", Manifests.alias("fn", fn, "live", "1"))
          .commitGpgSigned("Signed by a stranger", rogue, signerHome, "mallory@example.com");
      PassResult refused = apply(git, pass);
      assertThat(refused.status()).isEqualTo(PassResult.Status.REJECTED);
      assertThat(refused.rejections())
          .singleElement()
          .asString()
          .contains("not signed by a trusted key", "No public key found");

      repo.write("prod/fn.yaml", "# signed\n" + Manifests.alias("fn", fn, "live", "2"))
          .commitGpgSigned("Signed release", bot, signerHome, "bot@example.com");
      PassResult applied = apply(git, pass);
      assertThat(applied.status()).as(applied.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
    } finally {
      for (Path home : java.util.List.of(signerHome, trustedHome)) {
        Process kill =
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .redirectErrorStream(true)
                .start();
        kill.waitFor();
      }
    }
  }

  /** A new signing key in {@code home}; returns its fingerprint. */
  private static String gpgKey(Path home, String uid, String email) throws Exception {
    gpg(
        home,
        "--batch",
        "--passphrase",
        "",
        "--pinentry-mode",
        "loopback",
        "--quick-gen-key",
        uid,
        "ed25519",
        "sign",
        "never");
    String colons = gpg(home, "--list-keys", "--with-colons", email);
    return colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
  }

  private static String gpg(Path home, String... args) throws Exception {
    java.util.List<String> command =
        new java.util.ArrayList<>(java.util.List.of("gpg", "--homedir", home.toString()));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }

  private static PassResult apply(GitSource git, Pass pass) throws Exception {
    Commit c = git.sync();
    return pass.run(c, git.files(c.sha(), "."), Set.of(), true);
  }
}
