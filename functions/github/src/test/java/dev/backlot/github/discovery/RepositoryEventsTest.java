package dev.backlot.github.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub's repository events (payloads in GitHub's documented shape) against a WireMock GitHub API and catalog. */
class RepositoryEventsTest {
  /** The GitHub plugin's own service token (a JWT), never a user's. */
  private static final StringValuePattern SERVICE_TOKEN = matching("Bearer ey[\\w-]+\\.ey[\\w-]+\\.[\\w-]+");
  private static final String PAYMENTS = "https://github.com/acme/payments/blob/main/catalog-info.yaml";
  private static final String LEGACY = "https://github.com/acme/legacy-billing/blob/main/catalog-info.yaml";
  private static final String PERSONS = "https://github.com/acme/legacy-billing/blob/main/docs/catalog-info.yaml";
  private static final String OTHER_ORG = "https://github.com/other-org/payments/blob/main/catalog-info.yaml";

  private final WireMockServer server = new WireMockServer(options().dynamicPort());
  private RepositoryEvents events;

  @BeforeEach
  void start() {
    server.start();
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(), "token", "ghp_x"))),
        "github", Map.of("discovery", List.of(Map.of("organization", "acme", "repository", "(?!internal-).*")))));
    events = RepositoryEvents.fromConfig(config, TestGitHubPlugin.catalogAt(server.baseUrl()),
        GitHubClients.fromConfig(config));
    CatalogStubs.locations(server, "url:" + PAYMENTS, "url:" + LEGACY, "url:" + PERSONS, "url:" + OTHER_ORG);
    CatalogStubs.registersAnything(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static JsonNode payload(String name) throws IOException {
    try (InputStream in = RepositoryEventsTest.class.getResourceAsStream("/github/" + name)) {
      return Json.MAPPER.readTree(in);
    }
  }

  private void holdsCatalogFile(String repository) {
    server.stubFor(get(urlEqualTo("/repos/acme/" + repository + "/contents/catalog-info.yaml?ref=main"))
        .willReturn(okJson("{\"type\":\"file\",\"name\":\"catalog-info.yaml\",\"path\":\"catalog-info.yaml\",\"size\":212}")));
  }

  private void registered(String target) {
    server.verify(postRequestedFor(urlPathEqualTo("/api/catalog/locations"))
        .withRequestBody(equalToJson("{\"type\":\"url\",\"target\":\"" + target + "\"}"))
        .withHeader("Authorization", SERVICE_TOKEN));
  }

  @Test
  void aCreatedRepositoryWithACatalogFileIsRegisteredAlthoughTheEventSaysItIsEmpty() throws IOException {
    holdsCatalogFile("ledger");
    Map<String, Object> answer = events.apply(payload("repository-created.json"));
    assertEquals(List.of("https://github.com/acme/ledger/blob/main/catalog-info.yaml"), answer.get("registered"), answer.toString());
    registered("https://github.com/acme/ledger/blob/main/catalog-info.yaml");
    server.verify(getRequestedFor(urlEqualTo("/repos/acme/ledger/contents/catalog-info.yaml?ref=main"))
        .withHeader("Authorization", equalTo("Bearer ghp_x")));
  }

  @Test
  void aCreatedRepositoryWithoutACatalogFileRegistersNothing() throws IOException {
    server.stubFor(get(urlEqualTo("/repos/acme/ledger/contents/catalog-info.yaml?ref=main")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"This repository is empty.\",\"status\":\"404\"}")));
    Map<String, Object> answer = events.apply(payload("repository-created.json"));
    assertEquals(List.of("https://github.com/acme/ledger"), answer.get("withoutCatalogFile"), answer.toString());
    server.verify(0, postRequestedFor(urlPathEqualTo("/api/catalog/locations")));
  }

  @Test
  void aDeletedRepositoryLosesTheLocationDiscoveryRegisteredAndKeepsAPersonsOne() throws IOException {
    Map<String, Object> answer = events.apply(payload("repository-deleted.json"));
    assertEquals(List.of(LEGACY), answer.get("removed"), answer.toString());
    server.verify(1, deleteRequestedFor(urlPathMatching("/api/catalog/locations/.*")));
    server.verify(deleteRequestedFor(urlEqualTo("/api/catalog/locations/loc-1")).withHeader("Authorization", SERVICE_TOKEN));
  }

  @Test
  void anArchivedRepositoryIsUnregistered() throws IOException {
    Map<String, Object> answer = events.apply(payload("repository-archived.json"));
    assertEquals(List.of(PAYMENTS), answer.get("removed"), answer.toString());
    server.verify(1, deleteRequestedFor(urlPathMatching("/api/catalog/locations/.*")));
    server.verify(deleteRequestedFor(urlEqualTo("/api/catalog/locations/loc-0")));
  }

  @Test
  void aRenamedRepositoryMovesItsLocationToTheNewName() throws IOException {
    holdsCatalogFile("payments-service");
    Map<String, Object> answer = events.apply(payload("repository-renamed.json"));
    assertEquals(List.of(PAYMENTS), answer.get("removed"), answer.toString());
    assertEquals(List.of("https://github.com/acme/payments-service/blob/main/catalog-info.yaml"), answer.get("registered"));
    server.verify(deleteRequestedFor(urlEqualTo("/api/catalog/locations/loc-0")));
    registered("https://github.com/acme/payments-service/blob/main/catalog-info.yaml");
  }

  @Test
  void aRepositoryTransferredIntoTheOrganisationIsDiscovered() throws IOException {
    holdsCatalogFile("checkout");
    Map<String, Object> answer = events.apply(payload("repository-transferred.json"));
    assertEquals(List.of("https://github.com/acme/checkout/blob/main/catalog-info.yaml"), answer.get("registered"), answer.toString());
    server.verify(0, deleteRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aChangeOfTopicsDiscoversOrForgetsAsTheTopicFiltersSay() throws IOException {
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(), "token", "ghp_x"))),
        "github", Map.of("discovery", List.of(Map.of("organization", "acme", "topics", Map.of("include", List.of("backstage")))))));
    RepositoryEvents filtered = RepositoryEvents.fromConfig(config, TestGitHubPlugin.catalogAt(server.baseUrl()),
        GitHubClients.fromConfig(config));
    String edited = payload("repository-edited.json").toString()
        .replace("\"changes\":{\"description\":{\"from\":\"Payments\"}}", "\"changes\":{\"topics\":{\"from\":[]}}");
    holdsCatalogFile("payments");

    Map<String, Object> tagged = filtered.apply(Json.MAPPER.readTree(edited.replace("\"topics\":[]", "\"topics\":[\"backstage\"]")));
    Map<String, Object> untagged = filtered.apply(Json.MAPPER.readTree(edited));

    assertEquals(List.of(PAYMENTS), tagged.get("registered"), tagged.toString());
    assertEquals(List.of(), tagged.get("removed"), tagged.toString());
    registered(PAYMENTS);
    assertEquals(List.of(PAYMENTS), untagged.get("removed"), "the topic it was discovered for is gone");
    server.verify(deleteRequestedFor(urlEqualTo("/api/catalog/locations/loc-0")));
  }

  @Test
  void otherActionsOrganisationsAndExcludedRepositoriesAreIgnored() throws IOException {
    server.resetAll();
    assertTrue((Boolean) events.apply(payload("repository-edited.json")).get("ignored"));
    String created = payload("repository-created.json").toString();
    assertTrue((Boolean) events.apply(Json.MAPPER.readTree(created.replace("acme", "other-org"))).get("ignored"));
    assertTrue((Boolean) events.apply(Json.MAPPER.readTree(created.replace("\"name\":\"ledger\"", "\"name\":\"internal-ledger\""))).get("ignored"));
    assertTrue((Boolean) events.apply(Json.MAPPER.readTree(created.replace("https://github.com/", "https://ghe.acme.example/"))).get("ignored"),
        "another host");
    server.verify(0, anyRequestedFor(anyUrl()));
  }
}
