package dev.pointsman.kinds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which the agent made an AWS call that is undeclared or not allowed by the
 * documented IAM policy (see {@link PolicyCheckInterceptor}); after each class, writes every
 * operation the agent was seen calling to target/agent-aws-operations.txt.
 */
public final class PolicyCheckExtension implements AfterEachCallback, AfterAllCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    if (PolicyCheckInterceptor.VIOLATIONS.isEmpty()) return;
    List<String> found = new ArrayList<>(PolicyCheckInterceptor.VIOLATIONS);
    PolicyCheckInterceptor.VIOLATIONS.clear();
    throw new AssertionError(String.join("\n", found));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (PolicyCheckInterceptor.SEEN.isEmpty()) return;
    Path out = Path.of("target/agent-aws-operations.txt");
    TreeSet<String> all = new TreeSet<>(PolicyCheckInterceptor.SEEN);
    if (Files.exists(out)) all.addAll(Files.readAllLines(out));
    Files.createDirectories(out.getParent());
    Files.write(out, all);
  }
}
