package dev.backlot.shell;

import dev.backlot.platform.auth.ServiceTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Two versions of payments-api (an API entity of examples/) published to the real api-docs
 * function as a CI pipeline would, with a service token: 2.0.0 removes an endpoint of 1.0.0 (a
 * breaking change) and adds one (a compatible change), so the journey has a report to read.
 */
final class JourneyApis {
  static final String API = "/api/api-docs/apis/default/payments-api/definition";

  private JourneyApis() {}

  /** 1.0.0: list payments, cancel one. */
  static final String VERSION_1 = definition("1.0.0", """
        /payments/{id}:
          delete:
            operationId: cancelPayment
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            responses: {'204': {description: Cancelled}}
      """);

  /** 2.0.0: cancelling is gone, listing refunds is new. */
  static final String VERSION_2 = definition("2.0.0", """
        /refunds:
          get:
            operationId: listRefunds
            responses: {'200': {description: The refunds}}
      """);

  /** Both versions list payments; {@code morePaths} (YAML under {@code paths:}) is what sets them apart. */
  private static String definition(String version, String morePaths) {
    return """
        openapi: 3.0.3
        info: {title: Payments API, version: %s}
        paths:
          /payments:
            get:
              operationId: listPayments
              responses: {'200': {description: The payments}}
        """.formatted(version) + morePaths;
  }

  static void publishTwoVersions(String gatewayUrl, ServiceTokens tokens) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String definition : new String[] {VERSION_1, VERSION_2}) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + API))
          .header("Authorization", tokens.authorizationFor("api-docs"))
          .header("Content-Type", "application/yaml")
          .PUT(HttpRequest.BodyPublishers.ofString(definition)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 201) {
        throw new IllegalStateException("api-docs refused a version of payments-api: " + answer.statusCode() + " " + answer.body());
      }
    }
  }
}
