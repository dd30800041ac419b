package dev.pointsman.git;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections (the JDK's {@code HttpURLConnection}), with every response closed once
 * JGit is done with it, so that the JDK keeps the connection for the next request (see {@link
 * HttpKeepAlive} for how long). JGit does not close every response, nor read each to its end
 * (protocol v2's {@code ls-refs} answer stays open; the pack's is closed as soon as the pack ends),
 * and the JDK closes a connection whose response was not read to the end: a response sent in
 * chunks, as forges stream them, keeps its last, empty chunk until someone reads it. Against such a
 * server two fetches in a row made six requests on three connections, and on one with this class
 * ({@code HttpKeepAliveTest}'s server).
 *
 * <p>JGit reads a response before it sends the next request (each request of a fetch depends on the
 * answer before), so when it asks for a new connection, or closes the transport at the end of a
 * fetch, the responses opened before are done: they are closed then. Closing reads only what has
 * already arrived (the JDK's own close): a connection whose last chunk is late is closed, as
 * before, and nothing waits for it.
 */
final class KeptConnections extends JDKHttpConnectionFactory {
  private final Queue<InputStream> responses = new ConcurrentLinkedQueue<>();

  @Override
  public HttpConnection create(URL url) throws IOException {
    closeResponses();
    return new Connection(url);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    closeResponses();
    return new Connection(url, proxy);
  }

  @Override
  public GitSession newSession() {
    GitSession session = super.newSession();
    return new GitSession() {
      @Override
      public HttpConnection configure(HttpConnection connection, boolean sslVerify)
          throws IOException, GeneralSecurityException {
        return session.configure(connection, sslVerify);
      }

      @Override
      public void close() {
        closeResponses();
        session.close();
      }
    };
  }

  private void closeResponses() {
    for (InputStream response; (response = responses.poll()) != null; ) {
      try {
        response.close();
      } catch (IOException e) {
        // The connection is closed instead of kept: the next request opens a new one.
      }
    }
  }

  private final class Connection extends JDKHttpConnection {
    private InputStream response;

    Connection(URL url) throws IOException {
      super(url);
    }

    Connection(URL url, Proxy proxy) throws IOException {
      super(url, proxy);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (response == null) {
        response = new Response(super.getInputStream());
        responses.add(response);
      }
      return response;
    }
  }

  /** A response that can be closed more than once (by JGit, then here). */
  private static final class Response extends FilterInputStream {
    private boolean closed;

    Response(InputStream in) {
      super(in);
    }

    @Override
    public synchronized void close() throws IOException {
      if (closed) return;
      closed = true;
      super.close();
    }
  }
}
