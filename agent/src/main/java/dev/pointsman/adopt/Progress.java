package dev.pointsman.adopt;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress of a long listing: on a terminal one line rewritten in place (count, rate, time left);
 * otherwise a plain line at most every ten seconds, so logs stay readable.
 */
public final class Progress {
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

  private final PrintStream out;
  private final boolean terminal;
  private final Clock clock;
  private String what = "";
  private int total;
  private int done;
  private Instant started;
  private Instant lastPrinted = Instant.EPOCH;

  public Progress(PrintStream out, boolean terminal, Clock clock) {
    this.out = out;
    this.terminal = terminal;
    this.clock = clock;
  }

  /** Starts counting {@code total} items of {@code what} ("Lambda functions"). */
  public synchronized void start(String what, int total) {
    this.what = what;
    this.total = total;
    this.done = 0;
    this.started = clock.instant();
    this.lastPrinted = started;
    if (!terminal && total > 0) out.println("Reading " + total + " " + what + " ...");
  }

  public synchronized void step() {
    done++;
    Instant now = clock.instant();
    if (terminal) {
      out.print("\r" + line(now) + "   ");
      if (done == total) out.println();
    } else if (done == total || Duration.between(lastPrinted, now).compareTo(PLAIN_EVERY) >= 0) {
      out.println(line(now));
      lastPrinted = now;
    }
  }

  String line(Instant now) {
    double seconds = Math.max(Duration.between(started, now).toMillis() / 1000.0, 0.001);
    double rate = done / seconds;
    String left =
        rate > 0 && done < total ? ", about " + formatSeconds((total - done) / rate) + " left" : "";
    return String.format("%s: %d/%d, %.1f/s%s", what, done, total, rate, left);
  }

  private static String formatSeconds(double s) {
    long secs = Math.round(s);
    return secs >= 60 ? (secs / 60) + " min " + (secs % 60) + " s" : secs + " s";
  }
}
