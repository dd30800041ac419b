package dev.pointsman.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The board's live feed ({@code GET /api/events}, server-sent events): a {@code board} event with
 * the whole board whenever it changes (looked at every 250 ms while anyone listens, rendered only
 * when what it is built from changed, and at least every five seconds), a comment every 15 s to
 * keep proxies from closing the stream, and {@code retry: 1000} so that browsers reconnect within a
 * second after the agent restarts. At most {@value #MAX_CLIENTS} listeners at once.
 */
final class BoardFeed implements AutoCloseable {
  static final int MAX_CLIENTS = 32;
  private static final Duration KEEPALIVE = Duration.ofSeconds(15);
  private static final long RENDER_AT_LEAST_EVERY_MS = 5000;

  private final Supplier<String> render;
  private final Supplier<String> changes;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "board-feed");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger clients = new AtomicInteger();
  private final Object lock = new Object();
  private String lastChanges = "";
  private long lastRender;
  private String board = "";
  private long seq;
  private volatile boolean closed;

  /**
   * {@code render} builds the board; {@code changes} is cheap and differs whenever what the board
   * is built from may have changed.
   */
  BoardFeed(Supplier<String> render, Supplier<String> changes) {
    this.render = render;
    this.changes = changes;
    ticker.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    if (clients.get() == 0) return;
    try {
      refresh(false);
    } catch (RuntimeException e) {
      // the next tick tries again; a failing render must not end the schedule
    }
  }

  /** The board now (rendered if anything changed). */
  String current() {
    return refresh(true);
  }

  private String refresh(boolean force) {
    String now = changes.get();
    long millis = System.currentTimeMillis();
    synchronized (lock) {
      boolean stale =
          force
              || board.isEmpty()
              || !now.equals(lastChanges)
              || millis - lastRender >= RENDER_AT_LEAST_EVERY_MS;
      if (stale) {
        String fresh = render.get();
        lastChanges = now;
        lastRender = millis;
        if (!fresh.equals(board)) {
          board = fresh;
          seq++;
          lock.notifyAll();
        }
      }
      return board;
    }
  }

  /** Streams board events to one listener until it goes away or the server stops. */
  void stream(HttpExchange x) throws IOException {
    if (clients.incrementAndGet() > MAX_CLIENTS) {
      clients.decrementAndGet();
      AgentHttpServer.reply(x, 503, "text/plain", "too many board listeners");
      return;
    }
    try {
      x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      x.getResponseHeaders().set("Cache-Control", "no-cache");
      x.getResponseHeaders().set("X-Accel-Buffering", "no");
      x.sendResponseHeaders(200, 0);
      OutputStream out = x.getResponseBody();
      write(out, "retry: 1000\n\n");
      current();
      long sent = -1;
      while (!closed) {
        String payload = null;
        synchronized (lock) {
          if (sent == seq) lock.wait(KEEPALIVE.toMillis());
          if (sent != seq) {
            payload = board;
            sent = seq;
          }
        }
        write(out, payload == null ? ": keepalive\n\n" : event(payload));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the listener went away
    } finally {
      clients.decrementAndGet();
    }
  }

  private static String event(String json) {
    StringBuilder s = new StringBuilder("event: board\n");
    for (String line : json.split("\n", -1)) s.append("data: ").append(line).append('\n');
    return s.append('\n').toString();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    ticker.shutdownNow();
  }
}
