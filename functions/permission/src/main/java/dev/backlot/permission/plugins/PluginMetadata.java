package dev.backlot.permission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What each plugin of {@code permission.rbac.pluginsWithPermission} publishes at Backstage's
 * {@code GET /.well-known/backstage/permissions/metadata} ({@code {permissions, rules}}), found
 * through discovery and read with this plugin's service token. A plugin that does not answer
 * is left out with a warning, as RHDH's {@code PluginPermissionMetadataCollector} does.
 */
public final class PluginMetadata {
  /** The plugins asked when {@code permission.rbac.pluginsWithPermission} is not set. */
  public static final List<String> DEFAULT_PLUGINS = List.of("catalog", "api-docs", "github");
  /** How long one plugin may take to answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** The largest metadata document read from one plugin. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(PluginMetadata.class.getName());

  private final List<String> plugins;
  private final Discovery discovery;
  private final ServiceTokens tokens;

  public PluginMetadata(List<String> plugins, Discovery discovery, ServiceTokens tokens) {
    this.plugins = List.copyOf(plugins);
    this.discovery = discovery;
    this.tokens = tokens;
  }

  /** RHDH's {@code GET /plugins/policies}: {@code [{pluginId, policies: [{name, policy, resourceType?}]}]}. */
  public List<Map<String, Object>> policies() {
    List<Map<String, Object>> answer = new ArrayList<>();
    metadata().forEach((pluginId, metadata) -> {
      List<Map<String, Object>> policies = new ArrayList<>();
      for (JsonNode permission : metadata.path("permissions")) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", permission.path("name").asText());
        policy.put("policy", permission.path("attributes").path("action").asText("use"));
        if (permission.path("type").asText().equals("resource")) {
          policy.put("resourceType", permission.path("resourceType").asText());
        }
        policies.add(policy);
      }
      if (!policies.isEmpty()) {
        answer.add(Map.of("pluginId", pluginId, "policies", policies));
      }
    });
    return answer;
  }

  /** RHDH's {@code GET /plugins/condition-rules}: {@code [{pluginId, rules: [{name, description, resourceType, paramsSchema}]}]}. */
  public List<Map<String, Object>> conditionRules() {
    List<Map<String, Object>> answer = new ArrayList<>();
    metadata().forEach((pluginId, metadata) -> {
      if (metadata.path("rules").isArray() && !metadata.get("rules").isEmpty()) {
        answer.add(Map.of("pluginId", pluginId, "rules", metadata.get("rules")));
      }
    });
    return answer;
  }

  /**
   * Why {@code policy} does not fit what its plugin publishes, naming the field: the plugin must be
   * one of {@code pluginsWithPermission}, publish a permission of the resource type for each mapped
   * action, and a rule of that resource type for each condition whose params fit the rule's
   * {@code paramsSchema} ({@link RuleParams}), as RHDH checks them
   * ({@code processConditionMapping}, {@code validateRoleCondition}). Empty when it fits.
   *
   * @throws IOException when the plugin cannot be asked now
   */
  public java.util.Optional<String> problem(dev.backlot.permission.rbac.ConditionalPolicy policy) throws IOException {
    if (!plugins.contains(policy.pluginId())) {
      return java.util.Optional.of("'pluginId' '" + policy.pluginId() + "' is none of permission.rbac.pluginsWithPermission " + plugins);
    }
    JsonNode metadata = read(policy.pluginId());
    java.util.Set<String> actions = new java.util.HashSet<>();
    for (JsonNode permission : metadata.path("permissions")) {
      if (permission.path("resourceType").asText().equals(policy.resourceType())) {
        actions.add(permission.path("attributes").path("action").asText("use"));
      }
    }
    for (int i = 0; i < policy.permissionMapping().size(); i++) {
      if (!actions.contains(policy.permissionMapping().get(i))) {
        return java.util.Optional.of("'permissionMapping[" + i + "]': plugin " + policy.pluginId() + " publishes no permission of resource type "
            + policy.resourceType() + " with action '" + policy.permissionMapping().get(i) + "'");
      }
    }
    Map<String, JsonNode> schemas = new java.util.HashMap<>();
    for (JsonNode rule : metadata.path("rules")) {
      if (rule.path("resourceType").asText().equals(policy.resourceType())) {
        schemas.put(rule.path("name").asText(), rule.get("paramsSchema"));
      }
    }
    for (Map.Entry<String, JsonNode> leaf : dev.backlot.permission.rbac.ConditionTree.leaves(policy.conditions()).entrySet()) {
      String rule = leaf.getValue().path("rule").asText();
      if (!schemas.containsKey(rule)) {
        return java.util.Optional.of("'" + leaf.getKey() + ".rule': plugin " + policy.pluginId() + " publishes no rule '" + rule
            + "' for resource type " + policy.resourceType());
      }
      java.util.Optional<String> params = RuleParams.problem(leaf.getKey(), rule, schemas.get(rule), leaf.getValue().get("params"));
      if (params.isPresent()) {
        return params;
      }
    }
    return java.util.Optional.empty();
  }

  private Map<String, JsonNode> metadata() {
    Map<String, JsonNode> all = new LinkedHashMap<>();
    for (String pluginId : plugins) {
      try {
        all.put(pluginId, read(pluginId));
      } catch (IOException | RuntimeException e) {
        LOG.warning("Plugin " + pluginId + " published no permission metadata: " + e.getMessage());
      }
    }
    return all;
  }

  private JsonNode read(String pluginId) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(discovery.getBaseUrl(pluginId) + "/.well-known/backstage/permissions/metadata"))
        .timeout(TIMEOUT).header("Authorization", tokens.authorizationFor(pluginId)).GET().build();
    HttpResponse<java.io.InputStream> response;
    try {
      response = SharedHttpClient.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (java.io.InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("it answered " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("its metadata is larger than " + MAX_BYTES + " bytes");
      }
      JsonNode metadata = Json.MAPPER.readTree(bytes);
      if (!metadata.isObject()) {
        throw new IOException("its metadata is no JSON object");
      }
      return metadata;
    }
  }
}
