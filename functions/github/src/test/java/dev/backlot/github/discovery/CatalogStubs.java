package dev.backlot.github.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The catalog's location API on a WireMock server, answering as the catalog's LocationRoutes do. */
final class CatalogStubs {
  private CatalogStubs() {}

  /** {@code GET /api/catalog/locations} lists {@code "type:target"} each, with ids loc-0, loc-1, ...; deleting any is a 204. */
  static void locations(WireMockServer server, String... targets) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < targets.length; i++) {
      String[] typeAndTarget = targets[i].split(":", 2);
      body.append(i == 0 ? "" : ",").append("""
          {"data":{"id":"loc-%d","type":"%s","target":"%s"},"entityRef":"location:default/generated-%d"}"""
          .formatted(i, typeAndTarget[0], typeAndTarget[1], i));
    }
    server.stubFor(get(urlPathEqualTo("/api/catalog/locations")).willReturn(okJson(body.append("]").toString())));
    server.stubFor(delete(urlPathMatching("/api/catalog/locations/loc-\\d+")).willReturn(aResponse().withStatus(204)));
  }

  /** {@code POST /api/catalog/locations} registers anything: 201. */
  static void registersAnything(WireMockServer server) {
    server.stubFor(post(urlPathEqualTo("/api/catalog/locations")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"location\":{},\"entities\":[]}")));
  }
}
