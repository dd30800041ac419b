package dev.pointsman.git;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Credentials for each transport: a token over HTTPS, keys (from ~/.ssh or a given file) over SSH;
 * over HTTP(S), connections the JDK can keep between fetches ({@link KeptConnections}).
 */
final class GitTransport {
  /** GitHub and GitLab both accept a token as the password with any non-empty user name. */
  private static final String TOKEN_USER = "x-access-token";

  private GitTransport() {}

  static TransportConfigCallback callback(GitSettings settings) {
    SshdSessionFactory ssh = sshFactory(settings);
    KeptConnections http = new KeptConnections();
    return transport -> {
      if (transport instanceof TransportHttp httpTransport) {
        httpTransport.setHttpConnectionFactory(http);
      }
      settings
          .token()
          .ifPresent(
              t ->
                  transport.setCredentialsProvider(
                      new UsernamePasswordCredentialsProvider(TOKEN_USER, t.reveal())));
      if (transport instanceof SshTransport sshTransport) {
        sshTransport.setSshSessionFactory(ssh);
      }
    };
  }

  private static SshdSessionFactory sshFactory(GitSettings settings) {
    File home = FS.DETECTED.userHome();
    Path sshDir = home == null ? Path.of(".ssh") : home.toPath().resolve(".ssh");
    SshdSessionFactoryBuilder builder =
        new SshdSessionFactoryBuilder().setHomeDirectory(home).setSshDirectory(sshDir.toFile());
    settings.sshKey().ifPresent(key -> builder.setDefaultIdentities(dir -> List.of(key)));
    return builder.build(null);
  }
}
