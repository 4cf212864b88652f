package dev.backlot.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.convert.converter.Converter;

/**
 * Backstage's {@code discovery.endpoints}, as the shell reads app-config.yaml: where the shell
 * finds the catalog it resolves sign-ins in (in GCP the catalog's own Cloud Run URL, not the
 * gateway it forwards browsers' calls to). The platform's Discovery interprets them.
 *
 * @param endpoints each a {@code target} (one URL, or {@code internal} and {@code external}) and the
 *     {@code plugins} it serves; a comma-separated string, as BACKLOT_PLUGINS carries them, is a list too
 */
@ConfigurationProperties("discovery")
public record DiscoverySettings(List<Endpoint> endpoints) {
  public DiscoverySettings {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  public record Endpoint(Target target, List<String> plugins) {}

  /** Where the plugins are, for backends ({@code internal}) and browsers ({@code external}); either may be absent. */
  public record Target(String internal, String external) {
    /** {@code target: <url>}: one URL for both, as Backstage reads a string target. */
    static final class FromUrl implements Converter<String, Target> {
      @Override
      public Target convert(String url) {
        return new Target(url, url);
      }
    }
  }

  /** The platform's config shape: {@code {discovery: {endpoints: [{target: {internal, external}, plugins}]}}}. */
  Map<String, Object> asConfig() {
    List<Map<String, Object>> entries = endpoints.stream().map(endpoint -> {
      Map<String, Object> target = new LinkedHashMap<>();
      if (endpoint.target() != null && endpoint.target().internal() != null) {
        target.put("internal", endpoint.target().internal());
      }
      if (endpoint.target() != null && endpoint.target().external() != null) {
        target.put("external", endpoint.target().external());
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("target", target);
      entry.put("plugins", endpoint.plugins() == null ? List.of() : endpoint.plugins().stream().map(String::trim).toList());
      return entry;
    }).toList();
    return Map.of("endpoints", entries);
  }
}
