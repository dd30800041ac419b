package dev.pointsman.reconcile;

import dev.pointsman.notify.Messages;
import dev.pointsman.notify.Notifier;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors that recur pass after pass (Git unreachable, an AWS call denied, a missing version):
 * logged once when they appear or change, announced in chat once when they persist over two passes,
 * and once more when they go away. Never once per poll.
 */
final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);
  private static final int PERSISTS_AFTER = 2;
  private final Notifier notifier;
  private final Messages messages;
  private final Clock clock;
  private final Map<String, Entry> open = new HashMap<>();

  private final Consumer<Map<String, String>> published;

  Problems(Notifier notifier, Messages messages, Clock clock) {
    this(notifier, messages, clock, open -> {});
  }

  /** {@code published} is told the complete set of open problems after every update. */
  Problems(
      Notifier notifier, Messages messages, Clock clock, Consumer<Map<String, String>> published) {
    this.notifier = notifier;
    this.messages = messages;
    this.clock = clock;
    this.published = published;
  }

  /** The complete set of current problems within {@code scope}; others in the scope are over. */
  void update(String scope, Map<String, String> current) {
    update(scope, current, key -> true);
  }

  /**
   * The current problems among the keys {@code covered} accepts (what a pass looked at): open
   * problems of other keys in the scope are left as they are, since nothing looked at them.
   */
  void update(String scope, Map<String, String> current, Predicate<String> covered) {
    current.forEach(
        (key, message) -> {
          String k = scope + ":" + key;
          Entry e = open.get(k);
          if (e == null || !e.message.equals(message)) {
            log.error("{}: {}", key, message);
            e = new Entry(message);
            open.put(k, e);
          }
          e.count++;
          if (e.count >= PERSISTS_AFTER && !e.announced) {
            notifier.send(messages.failure(key, message, false, clock.instant()));
            e.announced = true;
          }
        });
    for (Iterator<Map.Entry<String, Entry>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> e = it.next();
      String key = e.getKey().substring(scope.length() + 1);
      if (e.getKey().startsWith(scope + ":") && covered.test(key) && !current.containsKey(key)) {
        log.info("{}: resolved", key);
        if (e.getValue().announced)
          notifier.send(messages.failure(key, e.getValue().message, true, clock.instant()));
        it.remove();
      }
    }
    Map<String, String> all = new TreeMap<>();
    open.forEach((k, e) -> all.put(k.substring(k.indexOf(':') + 1), e.message));
    published.accept(all);
  }

  /** Keys of the problems open in {@code scope}. */
  Set<String> open(String scope) {
    Set<String> keys = new HashSet<>();
    for (String k : open.keySet()) {
      if (k.startsWith(scope + ":")) keys.add(k.substring(scope.length() + 1));
    }
    return keys;
  }

  private static final class Entry {
    final String message;
    int count;
    boolean announced;

    Entry(String message) {
      this.message = message;
    }
  }
}
