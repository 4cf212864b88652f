package dev.backlot.permission.decide;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.rbac.Decision;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies CONDITIONAL decisions to the resources a request names ({@code resourceRef}), as
 * Backstage's permission-backend does: one {@code POST <plugin>/.well-known/backstage/permissions/apply-conditions}
 * per plugin, found through discovery and signed with this plugin's service token, answering
 * ALLOW or DENY per item.
 */
public final class PluginConditions {
  /** How long a plugin may take to apply conditions. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A conditional decision for one named resource. */
  public record Pending(String id, String resourceRef, Decision.Conditional decision) {}

  private final Discovery discovery;
  private final ServiceTokens tokens;

  public PluginConditions(Discovery discovery, ServiceTokens tokens) {
    this.discovery = discovery;
    this.tokens = tokens;
  }

  /** ALLOW or DENY for each pending id, from the plugins that own the resources. */
  public Map<String, Decision> apply(List<Pending> pending) throws IOException {
    Map<String, List<Pending>> byPlugin = new LinkedHashMap<>();
    pending.forEach(p -> byPlugin.computeIfAbsent(p.decision().pluginId(), id -> new ArrayList<>()).add(p));
    Map<String, Decision> decided = new HashMap<>();
    for (Map.Entry<String, List<Pending>> plugin : byPlugin.entrySet()) {
      decided.putAll(applyAt(plugin.getKey(), plugin.getValue()));
    }
    return decided;
  }

  private Map<String, Decision> applyAt(String pluginId, List<Pending> pending) throws IOException {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Pending p : pending) {
      items.add(Map.of("id", p.id(), "resourceRef", p.resourceRef(), "resourceType", p.decision().resourceType(),
          "conditions", p.decision().conditions()));
    }
    String url = discovery.getBaseUrl(pluginId) + "/.well-known/backstage/permissions/apply-conditions";
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json").header("Authorization", tokens.authorizationFor(pluginId))
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of("items", items)))).build();
    HttpResponse<byte[]> response;
    try {
      response = SharedHttpClient.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while plugin " + pluginId + " applied conditions", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("plugin " + pluginId + " answered " + response.statusCode() + " to apply-conditions");
    }
    Map<String, Decision> decided = new HashMap<>();
    for (JsonNode item : Json.MAPPER.readTree(response.body()).path("items")) {
      decided.put(item.path("id").asText(), "ALLOW".equals(item.path("result").asText()) ? Decision.ALLOW : Decision.DENY);
    }
    for (Pending p : pending) {
      if (!decided.containsKey(p.id())) {
        throw new IOException("plugin " + pluginId + " applied no conditions for item " + p.id());
      }
    }
    return decided;
  }
}
