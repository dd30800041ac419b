package dev.pointsman.adopt;

import dev.pointsman.aws.AwsCalls;
import dev.pointsman.aws.AwsClients;
import dev.pointsman.model.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What every kind's import shares: the environment being written (its account and Region), the
 * agent's rate-limited clients and retry policy, the filters, progress output, one name registry
 * for the files of the environment folder and a pool for parallel reads.
 */
record ImportScope(
    Environment env,
    AwsClients clients,
    AwsCalls calls,
    ImportFilters filters,
    Progress progress,
    FileNames files,
    ExecutorService readers) {

  /** {@code read} applied to each item in parallel, results in the items' order. */
  <T, R> List<R> each(String what, List<T> items, Function<T, R> read) {
    progress.start(what, items.size());
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(
          readers.submit(
              () -> {
                try {
                  return read.apply(item);
                } finally {
                  progress.step();
                }
              }));
    }
    List<R> results = new ArrayList<>();
    for (Future<R> f : futures) {
      try {
        results.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new IllegalStateException(e.getCause());
      }
    }
    return results;
  }

  String origin(String what) {
    return "Imported by pointsman import from "
        + what
        + " (account "
        + env.accountId()
        + ", "
        + env.region()
        + ").";
  }
}
