package dev.backlot.github.discovery;

import dev.backlot.platform.config.Config;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One organisation to scan, from {@code github.discovery}: {@code organization}, {@code host}
 * (github.com), {@code catalogPath} (catalog-info.yaml), {@code branch} (each repository's default
 * branch) and {@code repository}, a regular expression repository names must match. The API base
 * URL and token are those of the host's {@code integrations.github} entry, as the catalog reads it.
 */
record DiscoveryTarget(String organization, String host, String apiBaseUrl, Optional<String> token, String catalogPath,
    Optional<String> branch, Pattern repository) {
  static List<DiscoveryTarget> fromConfig(Config config) {
    List<Config> integrations = config.getOptionalConfigList("integrations.github").orElse(List.of());
    return config.getOptionalConfigList("github.discovery").orElse(List.of()).stream().map(entry -> {
      String host = entry.getOptionalString("host").orElse("github.com").toLowerCase(Locale.ROOT);
      Optional<Config> integration = integrations.stream()
          .filter(i -> i.getOptionalString("host").orElse("github.com").equalsIgnoreCase(host)).findFirst();
      String api = integration.flatMap(i -> i.getOptionalString("apiBaseUrl"))
          .orElse(host.equals("github.com") ? "https://api.github.com" : "https://" + host + "/api/v3");
      return new DiscoveryTarget(entry.getString("organization"), host, api.replaceAll("/+$", ""),
          integration.flatMap(i -> i.getOptionalString("token")).filter(t -> !t.isBlank()),
          entry.getOptionalString("catalogPath").orElse("catalog-info.yaml").replaceAll("^/+", ""),
          entry.getOptionalString("branch"),
          Pattern.compile(entry.getOptionalString("repository").orElse(".*")));
    }).toList();
  }

  @Override
  public String toString() {
    return "DiscoveryTarget[" + host + "/" + organization + ", " + catalogPath + "]";
  }
}
