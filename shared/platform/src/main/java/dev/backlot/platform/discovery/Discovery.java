package dev.backlot.platform.discovery;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backstage's discovery service: where plugin {@code pluginId}'s API is, as other backends call it
 * ({@link #getBaseUrl}) and as browsers see it ({@link #getExternalBaseUrl}). Config as Backstage's
 * {@code HostDiscovery} reads it:
 *
 * <pre>
 * discovery:
 *   endpoints:
 *     - target: https://internal.example.com/api/{{pluginId}}       # both, or:
 *       plugins: [catalog, api-docs]                              # '*' for every plugin
 *     - target: {internal: https://..., external: https://...}    # either may be left out
 *       plugins: [github]
 * </pre>
 *
 * {@code {{pluginId}}} (or {@code {{ pluginId }}}) in a target becomes the plugin's id; a later
 * endpoint naming a plugin wins over an earlier one, a named plugin over {@code '*'}. A plugin no
 * endpoint names is at {@code backend.baseUrl} + {@code /api/<pluginId>}, internally too: locally
 * that is the gateway, in GCP Terraform names each plugin's own Cloud Run URL.
 */
public final class Discovery {
  private static final Pattern PLUGIN_ID = Pattern.compile("\\{\\{\\s*pluginId\\s*}}");
  private static final String EVERY_PLUGIN = "*";

  private final Map<String, String> internal;
  private final Map<String, String> external;
  private final Optional<String> backendBaseUrl;

  private Discovery(Map<String, String> internal, Map<String, String> external, Optional<String> backendBaseUrl) {
    this.internal = Map.copyOf(internal);
    this.external = Map.copyOf(external);
    this.backendBaseUrl = backendBaseUrl;
  }

  /** Reads {@code discovery.endpoints} and {@code backend.baseUrl}; a malformed endpoint fails here, at start-up. */
  public static Discovery fromConfig(Config config) {
    Map<String, String> internal = new HashMap<>();
    Map<String, String> external = new HashMap<>();
    List<Config> endpoints = config.getOptionalConfigList("discovery.endpoints").orElse(List.of());
    for (int i = 0; i < endpoints.size(); i++) {
      Config endpoint = endpoints.get(i);
      String where = "discovery.endpoints[" + i + "]";
      List<String> plugins = endpoint.getOptionalCommaSeparatedList("plugins").orElse(List.of());
      if (plugins.isEmpty()) {
        throw new ConfigException("Invalid config at '" + where + ".plugins': list the plugin ids this target serves, or '*'");
      }
      Optional<String> internalTarget;
      Optional<String> externalTarget;
      if (endpoint.toJson().path("target").isObject()) {
        internalTarget = endpoint.getOptionalString("target.internal").map(url -> checked(url, where + ".target.internal"));
        externalTarget = endpoint.getOptionalString("target.external").map(url -> checked(url, where + ".target.external"));
      } else {
        internalTarget = Optional.of(checked(endpoint.getString("target"), where + ".target"));
        externalTarget = internalTarget;
      }
      for (String plugin : plugins) {
        internalTarget.ifPresent(url -> internal.put(plugin, url));
        externalTarget.ifPresent(url -> external.put(plugin, url));
      }
    }
    Optional<String> baseUrl = config.getOptionalString("backend.baseUrl").map(url -> checked(url, "backend.baseUrl").replaceAll("/+$", ""));
    return new Discovery(internal, external, baseUrl);
  }

  /** The base URL other backends call plugin {@code pluginId} at, such as {@code https://backlot-catalog-….run.app/api/catalog}. */
  public String getBaseUrl(String pluginId) {
    return resolve(internal, pluginId);
  }

  /** The base URL browsers reach plugin {@code pluginId} at, such as {@code https://backlot.acme.example/api/catalog}. */
  public String getExternalBaseUrl(String pluginId) {
    return resolve(external, pluginId);
  }

  private String resolve(Map<String, String> targets, String pluginId) {
    if (pluginId == null || pluginId.isBlank()) {
      throw new IllegalArgumentException("a plugin id is required");
    }
    String pattern = targets.getOrDefault(pluginId, targets.get(EVERY_PLUGIN));
    if (pattern == null) {
      pattern = backendBaseUrl.orElseThrow(() -> new ConfigException("Missing required config value at 'backend.baseUrl': "
          + "no discovery.endpoints entry names plugin '" + pluginId + "'")) + "/api/{{pluginId}}";
    }
    return withPluginId(pattern, pluginId);
  }

  private static String withPluginId(String pattern, String pluginId) {
    String encoded = URLEncoder.encode(pluginId, StandardCharsets.UTF_8).replace("+", "%20");
    return PLUGIN_ID.matcher(pattern).replaceAll(Matcher.quoteReplacement(encoded));
  }

  /** Only plain http(s) URLs: Backstage's {@code http+srv://} look-ups have no counterpart on Cloud Run. */
  private static String checked(String url, String key) {
    URI uri;
    try {
      uri = URI.create(withPluginId(url, "plugin"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid URL '" + url + "' at '" + key + "': " + e.getMessage());
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new ConfigException("Invalid URL '" + url + "' at '" + key + "': expected http(s)://<host>/...");
    }
    return url;
  }
}
