package dev.pointsman.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.VerifySignatureCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Whether a commit carries a valid signature by a trusted key. SSH signatures are checked against
 * an OpenSSH allowed-signers file (the same file {@code git} uses); JGit does the cryptography.
 */
public final class CommitSignatures {
  private final Path allowedSigners;

  public CommitSignatures(Path allowedSigners) {
    this.allowedSigners = allowedSigners;
  }

  /** Empty when {@code sha} is signed by a trusted key; otherwise why the commit is refused. */
  public Optional<String> untrusted(Repository repo, String sha) {
    try {
      StoredConfig config = repo.getConfig();
      if (!allowedSigners.toString().equals(config.getString("gpg", "ssh", "allowedSignersFile"))) {
        config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toString());
        config.save();
      }
      Map<String, org.eclipse.jgit.api.VerificationResult> results =
          Git.wrap(repo)
              .verifySignature()
              .addName(sha)
              .setMode(VerifySignatureCommand.VerifyMode.COMMITS)
              .call();
      org.eclipse.jgit.api.VerificationResult result = results.get(sha);
      if (result == null) return Optional.of("commit " + abbrev(sha) + " is not signed");
      if (result.getException() != null) {
        return Optional.of(
            "the signature of commit "
                + abbrev(sha)
                + " cannot be checked: "
                + result.getException().getMessage());
      }
      SignatureVerifier.SignatureVerification v = result.getVerification();
      if (v == null || !v.verified()) {
        return Optional.of("commit " + abbrev(sha) + " has an invalid signature" + detail(v));
      }
      if (v.trustLevel() != SignatureVerifier.TrustLevel.FULL
          && v.trustLevel() != SignatureVerifier.TrustLevel.ULTIMATE) {
        return Optional.of(
            "commit " + abbrev(sha) + " is signed by a key that is not trusted" + detail(v));
      }
      return Optional.empty();
    } catch (GitAPIException | IOException | RuntimeException e) {
      return Optional.of(
          "the signature of commit " + abbrev(sha) + " cannot be checked: " + e.getMessage());
    }
  }

  private static String detail(SignatureVerifier.SignatureVerification v) {
    if (v == null) return "";
    StringBuilder sb = new StringBuilder(" (");
    sb.append(v.signer() == null ? "unknown signer" : "signer " + v.signer());
    if (v.keyFingerprint() != null) sb.append(", key ").append(v.keyFingerprint());
    if (v.message() != null && !v.message().isBlank()) sb.append(": ").append(v.message());
    return sb.append(")").toString();
  }

  private static String abbrev(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
