package dev.pointsman.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.VerificationResult;
import org.eclipse.jgit.api.VerifySignatureCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Whether a commit carries a valid signature by a trusted key; JGit does the cryptography. SSH
 * signatures are checked against an OpenSSH allowed-signers file (the file {@code git} itself
 * uses); GPG signatures against the public keyring of a dedicated GnuPG home holding only the
 * trusted keys. A signature of a kind with no trusted keys configured is refused, never checked
 * against a default keyring.
 */
public final class CommitSignatures {
  private static final String GPG_HOME_PROPERTY = "jgit.gpg.home";
  private final Optional<Path> allowedSigners;
  private final Optional<Path> gpgHome;

  public CommitSignatures(Optional<Path> allowedSigners, Optional<Path> gpgHome) {
    this.allowedSigners = allowedSigners.map(Path::toAbsolutePath);
    this.gpgHome = gpgHome.map(Path::toAbsolutePath);
    // JGit's BouncyCastle verifier reads its keyring location from this property (process-wide).
    this.gpgHome.ifPresent(h -> System.setProperty(GPG_HOME_PROPERTY, h.toString()));
  }

  /** Empty when {@code sha} is signed by a trusted key; otherwise why the commit is refused. */
  public Optional<String> untrusted(Repository repo, String sha) {
    String c = abbrev(sha);
    try {
      configure(repo);
      Map<String, VerificationResult> results =
          Git.wrap(repo)
              .verifySignature()
              .addName(sha)
              .setMode(VerifySignatureCommand.VerifyMode.COMMITS)
              .call();
      VerificationResult result = results.get(sha);
      if (result == null) return Optional.of("commit " + c + " is not signed");
      if (result.getException() != null) {
        return Optional.of(
            "the signature of commit "
                + c
                + " cannot be checked: "
                + result.getException().getMessage());
      }
      SignatureVerifier.SignatureVerification v = result.getVerification();
      boolean gpg = v != null && "bc".equals(v.verifierName());
      if (gpg && gpgHome.isEmpty())
        return Optional.of(
            "commit " + c + " is GPG-signed, but no trusted GPG keys are configured");
      if (!gpg && allowedSigners.isEmpty())
        return Optional.of(
            "commit " + c + " is SSH-signed, but no trusted SSH signers are configured");
      if (v == null || !v.verified())
        return Optional.of("commit " + c + " is not signed by a trusted key" + detail(v));
      return Optional.empty();
    } catch (GitAPIException | IOException | RuntimeException e) {
      return Optional.of("the signature of commit " + c + " cannot be checked: " + e.getMessage());
    }
  }

  private void configure(Repository repo) throws IOException {
    if (allowedSigners.isEmpty()) return;
    StoredConfig config = repo.getConfig();
    String file = allowedSigners.get().toString();
    if (!file.equals(config.getString("gpg", "ssh", "allowedSignersFile"))) {
      config.setString("gpg", "ssh", "allowedSignersFile", file);
      config.save();
    }
  }

  private static String detail(SignatureVerifier.SignatureVerification v) {
    if (v == null) return "";
    StringBuilder sb = new StringBuilder(" (");
    sb.append(
        v.keyUser() != null ? v.keyUser() : v.signer() != null ? v.signer() : "unknown signer");
    if (v.keyFingerprint() != null) sb.append(", key ").append(v.keyFingerprint());
    if (v.message() != null && !v.message().isBlank()) sb.append(": ").append(v.message());
    return sb.append(")").toString();
  }

  private static String abbrev(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
