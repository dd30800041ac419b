package dev.pointsman.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * One repository served read-only over Git's smart HTTP protocol (v0 and v2, stateless) by JGit's
 * {@link UploadPack}, on an ephemeral port of the loopback interface, counting the connections its
 * clients opened. For tests: no push, no authentication, no dumb protocol.
 */
final class SmartHttpServer implements AutoCloseable {
  private static final String SERVICE = "git-upload-pack";

  private final HttpServer server;
  private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();

  SmartHttpServer(Repository repository) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> serve(repository, exchange));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repository.git";
  }

  /** Connections clients opened so far (each client address and port seen once). */
  int connections() {
    return clients.size();
  }

  private void serve(Repository repository, HttpExchange exchange) throws IOException {
    try (exchange) {
      clients.add(exchange.getRemoteAddress());
      String path = exchange.getRequestURI().getPath();
      UploadPack pack = new UploadPack(repository);
      pack.setBiDirectionalPipe(false);
      String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) pack.setExtraParameters(Arrays.asList(protocol.split(":")));
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      if (exchange.getRequestMethod().equals("GET")
          && path.endsWith("/info/refs")
          && ("service=" + SERVICE).equals(exchange.getRequestURI().getQuery())) {
        ByteArrayOutputStream advertisement = new ByteArrayOutputStream();
        pack.sendAdvertisedRefs(
            new PacketLineOutRefAdvertiser(new PacketLineOut(advertisement)), SERVICE);
        exchange
            .getResponseHeaders()
            .set("Content-Type", "application/x-" + SERVICE + "-advertisement");
        exchange.sendResponseHeaders(200, advertisement.size());
        advertisement.writeTo(exchange.getResponseBody());
      } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/" + SERVICE)) {
        InputStream body = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
          body = new GZIPInputStream(body);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-" + SERVICE + "-result");
        // Streamed in chunks, as forges stream a fetch's answers.
        exchange.sendResponseHeaders(200, 0);
        pack.upload(body, exchange.getResponseBody(), null);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
