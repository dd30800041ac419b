package dev.pointsman.cli;

import dev.pointsman.git.GitSettings;
import dev.pointsman.git.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/** Builds Git settings from options and the environment; the token never passes a command line. */
final class GitOptions {
  static final String TOKEN_ENV = "POINTSMAN_GIT_TOKEN";

  private GitOptions() {}

  static GitSettings settings(SourceOptions o) throws IOException {
    Optional<Secret> token;
    if (o.gitTokenFile != null) {
      token =
          Optional.of(new Secret(Files.readString(o.gitTokenFile, StandardCharsets.UTF_8).strip()));
    } else {
      token =
          Optional.ofNullable(System.getenv(TOKEN_ENV)).filter(t -> !t.isBlank()).map(Secret::new);
    }
    return new GitSettings(o.repo, o.branch(), o.workdir(), token, Optional.ofNullable(o.sshKey));
  }
}
