import dev.pointsman.policy.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What recording a promotion in the release ledger costs, by fleet size (docs/benchmarks.md, "The
 * release ledger"): a first pass records every pointer, then each promotion records one pointer that
 * moved, as a commit pass does (ReleaseGate.observed). Per promotion: the time the pass spends in
 * the call, the saving thread's time (flush), and the bytes written (this process's wchar), medians
 * of the second half (and the mean bytes, which includes ledger.json written whole again now
 * and then). Then the time a restart takes to read the ledger back.
 *
 * <p>Run with bench/ledger [POINTERS] [PROMOTIONS].
 */
public class LedgerSaves {
  public static void main(String[] args) throws Exception {
    String[] sizes = (args.length > 0 ? args[0] : "96,960,9600").split(",");
    int promotions = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    System.out.println(
        "| pointers | promotions | in the pass (µs) | saving (ms) | bytes written per promotion,"
            + " median / mean | files after (KB) | read back at a restart (ms) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    for (String s : sizes) run(Integer.parseInt(s.trim()), promotions);
  }

  private static void run(int pointers, int promotions) throws IOException {
    Path dir = Files.createTempDirectory("ledger-bench");
    Instant at = Instant.parse("2026-12-01T09:00:00Z");
    List<String> keys = new ArrayList<>();
    Map<String, List<String>> all = new HashMap<>();
    for (int i = 0; i < pointers; i++) {
      String env = i % 3 == 0 ? "dev" : i % 3 == 1 ? "staging" : "prod";
      String key = Ledger.key(env, "LambdaAlias", String.format("fn-%05d", i / 3));
      keys.add(key);
      all.put(key, List.of(String.format("fn-%05d:1", i / 3)));
    }
    long[] call = new long[promotions];
    long[] save = new long[promotions];
    long[] bytes = new long[promotions];
    try (Ledger ledger = new Ledger(dir)) {
      ledger.live(all, at);
      ledger.flush();
      for (int p = 0; p < promotions; p++) {
        String key = keys.get((p * 7919) % pointers);
        Instant when = at.plusSeconds(60L * (p + 1));
        long w0 = wchar();
        long t0 = System.nanoTime();
        ledger.live(Map.of(key, List.of("v" + (p + 2))), when);
        long t1 = System.nanoTime();
        ledger.flush();
        long t2 = System.nanoTime();
        call[p] = t1 - t0;
        save[p] = t2 - t1;
        bytes[p] = wchar() - w0;
      }
    }
    long size = 0;
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) size += Files.size(f);
    }
    long r0 = System.nanoTime();
    try (Ledger restarted = new Ledger(dir)) {
      String last = keys.get(((promotions - 1) * 7919) % pointers);
      if (!restarted.servedBefore(last, "v" + (promotions + 1)))
        throw new IllegalStateException("the ledger did not read back");
    }
    long read = System.nanoTime() - r0;
    System.out.printf(
        "| %d | %d | %.0f | %.2f | %d / %d | %d | %.1f |%n",
        pointers,
        promotions,
        median(call) / 1e3,
        median(save) / 1e6,
        (long) median(bytes),
        Arrays.stream(bytes).sum() / promotions,
        size / 1024,
        read / 1e6);
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(f);
    }
  }

  /** Median of the second half (the first half warms the JIT). */
  private static double median(long[] values) {
    long[] half = Arrays.copyOfRange(values, values.length / 2, values.length);
    Arrays.sort(half);
    return half[half.length / 2];
  }

  private static long wchar() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io")))
      if (line.startsWith("wchar:")) return Long.parseLong(line.substring(6).trim());
    return 0;
  }
}
