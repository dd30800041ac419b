package dev.pointsman.cli;

import dev.pointsman.git.GitSettings;
import dev.pointsman.git.Secret;
import java.io.IOException;
import java.util.Optional;

/** Builds Git settings from options and the environment; the token never passes a command line. */
final class GitOptions {
  static final String TOKEN_ENV = "POINTSMAN_GIT_TOKEN";

  private GitOptions() {}

  static GitSettings settings(SourceOptions o) throws IOException {
    Optional<Secret> token = SecretSources.read(o.gitTokenFile, TOKEN_ENV);
    return new GitSettings(o.repo, o.branch(), o.workdir(), token, Optional.ofNullable(o.sshKey));
  }
}
