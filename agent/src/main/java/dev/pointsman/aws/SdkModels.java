package dev.pointsman.aws;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Loads and initialises the SDK classes of AWS operations ahead of their first call, without
 * calling AWS: the request and response model classes with every structure nested in them, and the
 * request marshaller. The SDK builds each model class's field table (a getter and a setter lambda
 * per field) when the class is first used; for a response such as GetFunction's that is a few
 * hundred classes, tens of milliseconds on a cold JVM, which the first promotion after a start
 * would otherwise pay between reading and writing.
 */
public final class SdkModels {
  private static final Logger log = LoggerFactory.getLogger(SdkModels.class);
  private static final String PACKAGE = "software.amazon.awssdk.services.";
  private static final long WAIT_MILLIS = 5;

  private SdkModels() {}

  /**
   * Initialises the classes of {@code operations}, one model class at a time, waiting whenever
   * {@code busy} says so (a promotion is never kept waiting by more than one class); returns how
   * many model classes it prepared. Stops when the thread is interrupted.
   */
  public static int prepare(Collection<AwsOperation> operations, BooleanSupplier busy) {
    Walk walk = new Walk(busy);
    ClassLoader loader = SdkModels.class.getClassLoader();
    for (AwsOperation op : operations) {
      String base = PACKAGE + op.service() + ".";
      for (String suffix : new String[] {"Request", "Response"}) {
        if (!walk.pause()) return walk.size();
        try {
          Class<?> model = Class.forName(base + "model." + op.operation() + suffix, true, loader);
          if (model.getMethod("builder").invoke(null) instanceof SdkPojo builder)
            walk.pojo(builder);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
          log.debug("no SDK model {}{} to prepare: {}", op.operation(), suffix, e.toString());
        }
      }
      try {
        Class.forName(base + "transform." + op.operation() + "RequestMarshaller", true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        log.debug("no SDK marshaller for {} to prepare: {}", op.operation(), e.toString());
      }
    }
    return walk.size();
  }

  /**
   * Waits while {@code busy} (a pass runs, a push waits); false when the thread was interrupted.
   */
  public static boolean idle(BooleanSupplier busy) {
    try {
      while (busy.getAsBoolean()) Thread.sleep(WAIT_MILLIS);
      return !Thread.currentThread().isInterrupted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Prepares the classes of {@code operations} (see {@link #prepare}), then runs each call of the
   * services a pass writes to once against a loopback server (see {@link SdkCallRehearsal});
   * returns how many model classes it prepared.
   */
  public static int prepareAndRehearse(Collection<AwsOperation> operations, BooleanSupplier busy) {
    int classes = prepare(operations, busy);
    try {
      int calls = SdkCallRehearsal.run(operations, busy).size();
      log.debug("SDK calls rehearsed on the loopback interface: {}", calls);
    } catch (IOException | RuntimeException e) {
      log.info("SDK calls not rehearsed (the first write may be slower): {}", e.toString());
    }
    return classes;
  }

  /** One preparation: the model classes prepared so far, and when to wait. */
  private static final class Walk {
    private final Set<Class<?>> seen = new HashSet<>();
    private final BooleanSupplier busy;

    Walk(BooleanSupplier busy) {
      this.busy = busy;
    }

    boolean pause() {
      return idle(busy);
    }

    int size() {
      return seen.size();
    }

    /** A model's builder (its class initialised) and every structure nested in it. */
    void pojo(SdkPojo builder) {
      if (!seen.add(builder.getClass())) return;
      for (SdkField<?> field : builder.sdkFields()) field(field);
    }

    private void field(SdkField<?> field) {
      MarshallingType<?> type = field.marshallingType();
      if (type == MarshallingType.SDK_POJO) {
        Supplier<SdkPojo> make = field.constructor();
        if (make != null && pause()) pojo(make.get());
      } else if (type == MarshallingType.LIST) {
        ListTrait list = field.getTrait(ListTrait.class);
        if (list != null && list.memberFieldInfo() != null) field(list.memberFieldInfo());
      } else if (type == MarshallingType.MAP) {
        MapTrait map = field.getTrait(MapTrait.class);
        if (map != null && map.valueFieldInfo() != null) field(map.valueFieldInfo());
      }
    }
  }
}
