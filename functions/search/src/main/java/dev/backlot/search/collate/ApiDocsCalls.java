package dev.backlot.search.collate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** GETs of api-docs' HTTP API, found through discovery and signed with search's service token. */
public final class ApiDocsCalls {
  static final String PLUGIN_ID = "api-docs";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Function<String, String> baseUrl;
  private final Function<String, String> authorization;

  ApiDocsCalls(Function<String, String> baseUrl, Function<String, String> authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  public static ApiDocsCalls forPlugin(Plugin plugin) {
    return new ApiDocsCalls(id -> plugin.discovery().getBaseUrl(id), id -> plugin.serviceTokens().authorizationFor(id));
  }

  /** The JSON at {@code pathAndQuery}, empty on 404. */
  Optional<JsonNode> get(String pathAndQuery) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.apply(PLUGIN_ID) + pathAndQuery)).timeout(TIMEOUT)
        .header("Authorization", authorization.apply(PLUGIN_ID)).header("Accept", "application/json").GET().build();
    HttpResponse<byte[]> response;
    try {
      response = SharedHttpClient.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling api-docs", e);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException("api-docs answered " + response.statusCode() + " to GET " + pathAndQuery);
    }
    return Optional.of(Json.MAPPER.readTree(response.body()));
  }
}
