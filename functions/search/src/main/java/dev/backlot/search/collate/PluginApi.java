package dev.backlot.search.collate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * GETs of another plugin's HTTP API (api-docs, techdocs) as JSON, found through discovery and
 * signed with search's service token: the one way collators read a source other than the catalog
 * (which has its own client). An answer larger than {@code maxBytes} is an error, not read on.
 */
public final class PluginApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final String pluginId;
  private final long maxBytes;
  private final Function<String, String> baseUrl;
  private final Function<String, String> authorization;

  PluginApi(String pluginId, long maxBytes, Function<String, String> baseUrl, Function<String, String> authorization) {
    this.pluginId = pluginId;
    this.maxBytes = maxBytes;
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  /** {@code pluginId}'s API as {@code plugin} finds and signs it. */
  public static PluginApi of(Plugin plugin, String pluginId, long maxBytes) {
    return new PluginApi(pluginId, maxBytes, id -> plugin.discovery().getBaseUrl(id), id -> plugin.serviceTokens().authorizationFor(id));
  }

  /** An answer beyond the limit: the source's content is at fault, not the source's availability. */
  static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  /** The JSON at {@code pathAndQuery}, empty on 404. */
  Optional<JsonNode> get(String pathAndQuery) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.apply(pluginId) + pathAndQuery)).timeout(TIMEOUT)
        .header("Authorization", authorization.apply(pluginId)).header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = SharedHttpClient.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling " + pluginId, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new IOException(pluginId + " answered " + response.statusCode() + " to GET " + pathAndQuery);
      }
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new TooLarge(pluginId + "'s answer to GET " + pathAndQuery + " is larger than " + maxBytes + " bytes");
      }
      return Optional.of(Json.MAPPER.readTree(bytes));
    }
  }
}
