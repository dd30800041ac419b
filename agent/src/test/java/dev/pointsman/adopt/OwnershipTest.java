package dev.pointsman.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  @Test
  void cloudFormationSamAndUnmanagedResourcesAreToldApart() {
    assertThat(Ownership.managedBy(Map.of("aws:cloudformation:stack-name", "shop")))
        .contains("CloudFormation stack shop");
    assertThat(
            Ownership.managedBy(
                Map.of("lambda:createdBy", "SAM", "aws:cloudformation:stack-name", "api")))
        .contains("SAM (CloudFormation stack api)");
    assertThat(Ownership.managedBy(Map.of("team", "orders"))).isEmpty();
    assertThat(Ownership.managedBy(null)).isEmpty();
  }
}
