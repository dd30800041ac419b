package dev.pointsman.git;

import java.time.Duration;

/**
 * How long the JVM keeps an idle connection to the Git server (JGit's HTTP(S) transport uses the
 * JDK's {@code HttpURLConnection}, whose connection cache is the JVM's). The JDK closes one after 5
 * s without a request unless the server says otherwise, so with polls every 30 s every poll, and a
 * promotion pushed more than 5 s after the last request, opened a new connection: a TCP and a TLS
 * handshake, two round trips to the forge and ~7 ms of the agent's CPU on the promotion's path
 * ({@code bench/commit-path} over HTTPS with {@code -Didle=7}, docs/benchmarks.md). Kept a little
 * longer than the poll interval, the connection the last poll used is still there when a push
 * comes; a server that closed it meanwhile costs nothing more than a new one (the JDK sends the
 * fetch's first request, a GET, again on a new connection).
 */
public final class HttpKeepAlive {
  /** The JDK's own settings, in seconds, read once, when the first connection is cached. */
  static final String SERVER = "http.keepAlive.time.server";

  static final String PROXY = "http.keepAlive.time.proxy";

  /** Beyond the poll interval: a poll is late by the pass before it, or by a slow fetch. */
  static final Duration MARGIN = Duration.ofSeconds(30);

  private HttpKeepAlive() {}

  /** How long an idle connection is kept when polls come every {@code pollInterval}. */
  static Duration keepFor(Duration pollInterval) {
    return pollInterval.plus(MARGIN);
  }

  /**
   * Sets the JDK's keep-alive for connections to servers and to proxies to {@link #keepFor}, each
   * unless given with {@code -D}. Call before the first HTTP request of the process: the JDK reads
   * the settings once.
   */
  public static void configure(Duration pollInterval) {
    String seconds = Long.toString(Math.max(1, keepFor(pollInterval).toSeconds()));
    for (String key : new String[] {SERVER, PROXY}) {
      if (System.getProperty(key) == null) System.setProperty(key, seconds);
    }
  }
}
