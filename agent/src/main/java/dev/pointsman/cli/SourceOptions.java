package dev.pointsman.cli;

import dev.pointsman.aws.Quotas;
import dev.pointsman.git.CommitSignatures;
import dev.pointsman.git.GitSource;
import dev.pointsman.kinds.Kinds;
import dev.pointsman.reconcile.SignaturePolicy;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** Where the manifests are and which environments to act on; shared by every command. */
public final class SourceOptions {
  @Option(
      names = "--repo",
      required = true,
      paramLabel = "<url|path>",
      description = "Git repository: https://, ssh://, git@host:path, file:// or a local path.")
  String repo;

  @Option(
      names = "--branch",
      paramLabel = "<name>",
      description = "Branch to follow (default: the remote's HEAD).")
  String branch;

  @Option(
      names = "--path",
      paramLabel = "<dir>",
      defaultValue = ".",
      description =
          "Directory inside the repository holding the environment folders (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(
      names = "--env",
      paramLabel = "<name>",
      split = ",",
      description =
          "Environment to act on; repeatable (default: all). Every environment is still validated.")
  List<String> environments;

  @Option(
      names = "--workdir",
      paramLabel = "<dir>",
      description = "Clone and small state (default: ~/.pointsman).")
  Path workdir;

  @Option(
      names = "--git-token-file",
      paramLabel = "<file>",
      description = "File holding an HTTPS token (default: env POINTSMAN_GIT_TOKEN).")
  Path gitTokenFile;

  @Option(
      names = "--ssh-key",
      paramLabel = "<file>",
      description = "Private key for SSH remotes (default: ~/.ssh).")
  Path sshKey;

  @Option(
      names = "--aws-quota-share",
      paramLabel = "<0..1>",
      defaultValue = "0.5",
      description =
          "Share of each published AWS request quota the agent allows itself (default: ${DEFAULT-VALUE}).")
  double quotaShare;

  @Option(
      names = "--aws-quota",
      paramLabel = "<account>:<family>=<rps>",
      description =
          "Override one family's rate for one account, e.g. 123456789012:lambda=5; repeatable.")
  List<String> quotaOverrides;

  @Option(
      names = "--trusted-signers",
      paramLabel = "<file>",
      description =
          "OpenSSH allowed-signers file of trusted SSH signing keys. With this or --trusted-gpg-keys, protected"
              + " environments take only commits signed by a trusted key.")
  Path trustedSigners;

  @Option(
      names = "--trusted-gpg-keys",
      paramLabel = "<dir>",
      description = "A GnuPG home whose public keyring holds exactly the trusted GPG signing keys.")
  Path trustedGpgKeys;

  @Option(
      names = "--config",
      paramLabel = "<file>",
      description = "YAML file with defaults for any of these options.")
  Path config;

  Set<String> environments() {
    return environments == null ? Set.of() : new LinkedHashSet<>(environments);
  }

  Optional<String> branch() {
    return Optional.ofNullable(branch).filter(b -> !b.isBlank());
  }

  Quotas quotas() {
    return Kinds.quotas(quotaShare, quotaOverrides == null ? List.of() : quotaOverrides);
  }

  /** The commit-signature rule for protected environments, reading signatures from {@code git}. */
  SignaturePolicy signatures(GitSource git) {
    if (trustedSigners == null && trustedGpgKeys == null) return SignaturePolicy.NONE;
    CommitSignatures trusted =
        new CommitSignatures(
            Optional.ofNullable(trustedSigners), Optional.ofNullable(trustedGpgKeys));
    return commit -> git.untrustedSignature(commit.sha(), trusted);
  }

  Path workdir() {
    return workdir != null ? workdir : Path.of(System.getProperty("user.home"), ".pointsman");
  }
}
