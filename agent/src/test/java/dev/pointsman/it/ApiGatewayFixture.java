package dev.pointsman.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * REST APIs with deployments, created directly in the emulator; stages read back through the SDK.
 */
public final class ApiGatewayFixture implements AutoCloseable {
  private final ApiGatewayClient api = Emulator.client(ApiGatewayClient.builder());

  public ApiGatewayClient client() {
    return api;
  }

  /**
   * A REST API with a GET / method and {@code deployments} deployments; returns [apiId, dep1, ...].
   */
  public List<String> createApi(String name, int deployments) {
    String id = api.createRestApi(r -> r.name(name)).id();
    String root =
        api.getResources(r -> r.restApiId(id)).items().stream()
            .filter(r -> r.path().equals("/"))
            .findFirst()
            .orElseThrow()
            .id();
    api.putMethod(
        r -> r.restApiId(id).resourceId(root).httpMethod("GET").authorizationType("NONE"));
    api.putIntegration(
        r -> r.restApiId(id).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK));
    List<String> ids = new ArrayList<>(List.of(id));
    for (int i = 0; i < deployments; i++) ids.add(api.createDeployment(r -> r.restApiId(id)).id());
    return ids;
  }

  public void createStage(
      String apiId, String stage, String deploymentId, Map<String, String> variables) {
    api.createStage(
        r -> r.restApiId(apiId).stageName(stage).deploymentId(deploymentId).variables(variables));
  }

  public GetStageResponse stage(String apiId, String stage) {
    return api.getStage(r -> r.restApiId(apiId).stageName(stage));
  }

  /** Changes a stage variable behind Pointsman's back. */
  public void setVariableByHand(String apiId, String stage, String name, String value) {
    api.updateStage(
        r ->
            r.restApiId(apiId)
                .stageName(stage)
                .patchOperations(p -> p.op("replace").path("/variables/" + name).value(value)));
  }

  @Override
  public void close() {
    api.close();
  }
}
