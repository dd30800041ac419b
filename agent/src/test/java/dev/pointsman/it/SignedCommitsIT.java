package dev.pointsman.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.cli.Components;
import dev.pointsman.git.CommitSignatures;
import dev.pointsman.git.GitSettings;
import dev.pointsman.git.GitSource;
import dev.pointsman.model.Commit;
import dev.pointsman.reconcile.Pass;
import dev.pointsman.reconcile.PassResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protected environments take only commits SSH-signed by a key in the allowed-signers file: real
 * keys from ssh-keygen, commits signed by the git CLI, signatures verified by JGit.
 */
class SignedCommitsIT {
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
      CommitSignatures signatures = new CommitSignatures(allowed);
      Pass pass =
          Components.pass(
              clients,
              new AwsCalls(AwsCalls.RetryPolicy.defaults()),
              c -> git.untrustedSignature(c.sha(), signatures));
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
          .contains("invalid signature", "No principal matched");
      assertThat(recorder.lambdaWrites()).isEmpty();

      repo.write("prod/fn.yaml", "# reviewed and signed\n" + Manifests.alias("fn", fn, "live", "2"))
          .commitSigned("Signed release", trusted, "releases@example.com");
      PassResult r3 = apply(git, pass);
      assertThat(r3.status()).as(r3.toString()).isEqualTo(PassResult.Status.APPLIED);
      assertThat(lambda.alias(fn, "live").functionVersion()).isEqualTo("2");
    }
  }

  private static PassResult apply(GitSource git, Pass pass) throws Exception {
    Commit c = git.sync();
    return pass.run(c, git.files(c.sha(), "."), Set.of(), true);
  }
}
