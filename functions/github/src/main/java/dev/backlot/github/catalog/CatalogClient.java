package dev.backlot.github.catalog;

import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Calls to the catalog's HTTP API under {@code <baseUrl>/api/catalog}, with this plugin's service token. */
final class CatalogClient {
  private final String catalogUrl;
  private final Supplier<String> authorization;

  CatalogClient(String baseUrl, Supplier<String> authorization) {
    this.catalogUrl = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/api/catalog";
    this.authorization = authorization;
  }

  HttpResponse<byte[]> get(String pathAndQuery) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(catalogUrl + pathAndQuery)).GET());
  }

  HttpResponse<byte[]> delete(String path) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(catalogUrl + path)).DELETE());
  }

  HttpResponse<byte[]> postJson(String path, Object body) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(catalogUrl + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
    try {
      return SharedHttpClient.get().send(request.timeout(Duration.ofSeconds(60))
          .header("Authorization", authorization.get())
          .header("Accept", "application/json")
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the catalog", e);
    }
  }
}
