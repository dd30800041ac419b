package dev.pointsman.kinds;

import dev.pointsman.aws.AwsClients;
import dev.pointsman.aws.AwsOperation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client of the test JVM (software/amazon/awssdk/global/handlers): each
 * call the agent makes (its clients mark them) must be an operation a kind or the core declares,
 * and allowed by the policy documented in docs/getting-started-aws.md. Calls of test fixtures are
 * not the agent's and are ignored. {@link PolicyCheckExtension} fails the test that made a
 * violating call.
 */
public final class PolicyCheckInterceptor implements ExecutionInterceptor {
  static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
  static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();
  private static volatile DocumentedPolicy policy;

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!Boolean.TRUE.equals(attributes.getAttribute(AwsClients.AGENT_CALL))) return;
    String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    String operation =
        String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    String key = AwsOperation.normalise(service) + ":" + operation;
    if (!SEEN.add(key)) return;
    AwsOperation declared =
        Kinds.operations().stream()
            .filter(o -> o.matches(service, operation))
            .findFirst()
            .orElse(null);
    if (declared == null) {
      VIOLATIONS.add(
          "the agent called "
              + key
              + ", which no kind (KindDescriptor.operations) nor AwsOperation.CORE/ROLLOUTS/LEASE declares");
    } else if (AwsOperation.IMPORT.contains(declared)) {
      if (!importPolicy().allows(declared.iamAction()))
        VIOLATIONS.add(
            "pointsman import called "
                + key
                + ", but "
                + declared.iamAction()
                + " is not in the policy of "
                + DocumentedPolicy.IMPORT_DOC);
    } else if (!policy().allows(declared.iamAction())) {
      VIOLATIONS.add(
          "the agent called "
              + key
              + ", but "
              + declared.iamAction()
              + " is not in the policy of "
              + DocumentedPolicy.DOC);
    }
  }

  private static volatile DocumentedPolicy importPolicy;

  private static DocumentedPolicy importPolicy() {
    if (importPolicy == null) importPolicy = DocumentedPolicy.read(DocumentedPolicy.IMPORT_DOC);
    return importPolicy;
  }

  private static DocumentedPolicy policy() {
    if (policy == null) policy = DocumentedPolicy.read();
    return policy;
  }
}
