package dev.backlot.catalog.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.auth.OnBehalfOf;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP call to the catalog: its base URL from discovery, this caller's service token asked
 * per call (so short-lived tokens are fresh), JSON both ways, one timeout, and any answer but
 * the expected one turned into a {@link CatalogClientException}.
 */
final class CatalogCalls {
  static final String PLUGIN_ID = "catalog";
  /**
   * Every call, read or write, gets this long for its whole answer. Functions answer within 60 s
   * themselves, so a caller still has time to say what went wrong; connecting has 10 s of it
   * (SharedHttpClient).
   */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Discovery discovery;
  private final ServiceTokens credentials;
  /** Headers naming whom a call is for: a forwarded token, or a person named without one; empty for the caller itself. */
  private final Map<String, String> onBehalfOf;

  CatalogCalls(Discovery discovery, ServiceTokens credentials) {
    this(discovery, credentials, Map.of());
  }

  private CatalogCalls(Discovery discovery, ServiceTokens credentials, Map<String, String> onBehalfOf) {
    this.discovery = discovery;
    this.credentials = credentials;
    this.onBehalfOf = onBehalfOf;
  }

  /** The same calls, each forwarding {@code authorization} so the catalog decides for its owner. */
  CatalogCalls onBehalfOf(String authorization) {
    return new CatalogCalls(discovery, credentials, Map.of("X-Forwarded-Authorization", authorization));
  }

  /** The same calls, each naming {@code person} ({@link OnBehalfOf}) so the catalog decides for them. */
  CatalogCalls onBehalfOf(Identity person) {
    if (person.kind() != Identity.Kind.USER) {
      throw new IllegalArgumentException("only a person is called on behalf of, not " + person.subject());
    }
    return new CatalogCalls(discovery, credentials,
        Map.of(OnBehalfOf.HEADER, person.subject(), OnBehalfOf.OWNERSHIP_HEADER, OnBehalfOf.ownershipHeader(person)));
  }

  /** The answer to {@code method pathAndQuery}, any status. */
  HttpResponse<byte[]> send(String method, String pathAndQuery, Object jsonBody) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(discovery.getBaseUrl(PLUGIN_ID) + pathAndQuery))
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .header("Authorization", credentials.authorizationFor(PLUGIN_ID));
    onBehalfOf.forEach(request::header);
    if (jsonBody == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(jsonBody)));
    }
    try {
      return SharedHttpClient.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the catalog", e);
    }
  }

  /** The JSON answer of a call that must answer {@code expected}. */
  JsonNode expect(int expected, String method, String pathAndQuery, Object jsonBody) throws IOException {
    HttpResponse<byte[]> response = send(method, pathAndQuery, jsonBody);
    if (response.statusCode() != expected) {
      throw error(method, pathAndQuery, response);
    }
    return body(response);
  }

  static JsonNode body(HttpResponse<byte[]> response) throws IOException {
    return response.body().length == 0 ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(response.body());
  }

  /** Backstage's error body read into an exception; a body in another shape still says the status. */
  static CatalogClientException error(String method, String pathAndQuery, HttpResponse<byte[]> response) {
    JsonNode error;
    try {
      error = body(response).path("error");
    } catch (IOException e) {
      error = Json.MAPPER.missingNode();
    }
    int query = pathAndQuery.indexOf('?');
    String call = method + " " + (query < 0 ? pathAndQuery : pathAndQuery.substring(0, query));
    return new CatalogClientException(response.statusCode(), error.path("name").asText("Error"),
        error.path("message").asText("no explanation given"), call);
  }

  /** One query value, percent-encoded. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** One path segment, percent-encoded but for ':' and '@', which a segment may hold as they are (RFC 3986). */
  static String segment(String value) {
    return encode(value).replace("%3A", ":").replace("%40", "@");
  }
}
