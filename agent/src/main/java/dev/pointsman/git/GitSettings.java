package dev.pointsman.git;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the manifests come from. {@code token} is used for HTTPS (never put on a command line or in
 * a log); {@code sshKey} optionally names a private key for SSH remotes (otherwise ~/.ssh is used).
 */
public record GitSettings(
    String repo,
    Optional<String> branch,
    Path workdir,
    Optional<Secret> token,
    Optional<Path> sshKey) {}
