package dev.backlot.github.discovery;

import dev.backlot.github.api.GitHubCalls;
import dev.backlot.platform.config.Config;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One organisation to scan, from {@code github.discovery}: {@code organization}, {@code host}
 * (github.com), {@code catalogPath} (catalog-info.yaml), {@code branch} (each repository's default
 * branch) and {@code repository}, a regular expression repository names must match. The API base
 * URL and the credentials are those of the host's {@code integrations.github} entry, shared with
 * the catalog.
 */
record DiscoveryTarget(String organization, String host, String apiBaseUrl, String catalogPath, Optional<String> branch,
    Pattern repository) {
  static List<DiscoveryTarget> fromConfig(Config config, GitHubCalls github) {
    return config.getOptionalConfigList("github.discovery").orElse(List.of()).stream().map(entry -> {
      String host = entry.getOptionalString("host").orElse("github.com").toLowerCase(Locale.ROOT);
      return new DiscoveryTarget(entry.getString("organization"), host, github.apiBaseUrl(host),
          entry.getOptionalString("catalogPath").orElse("catalog-info.yaml").replaceAll("^/+", ""),
          entry.getOptionalString("branch"),
          Pattern.compile(entry.getOptionalString("repository").orElse(".*")));
    }).toList();
  }

  /** Whether repository {@code owner/name} on {@code host} is one this target discovers. */
  boolean covers(String host, String owner, String name) {
    return this.host.equalsIgnoreCase(host) && organization.equalsIgnoreCase(owner) && repository.matcher(name).matches();
  }

  /**
   * The repository of a url location this target could have registered: the catalog file
   * {@code https://<host>/<organization>/<repo>/blob/<branch>/<catalogPath>}. Anything else
   * (another organisation, another file or branch, a tree URL) is not this target's to remove.
   */
  Optional<String> repositoryOf(String locationTarget) {
    URI uri;
    try {
      uri = URI.create(locationTarget);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !host.equalsIgnoreCase(authority) || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getPath() == null) {
      return Optional.empty();
    }
    String[] segments = uri.getPath().split("/", 5);
    // "", organization, repo, "blob", ref/catalogPath
    if (segments.length < 5 || !segments[1].equalsIgnoreCase(organization) || segments[2].isEmpty() || !segments[3].equals("blob")
        || !segments[4].endsWith("/" + catalogPath)) {
      return Optional.empty();
    }
    String ref = segments[4].substring(0, segments[4].length() - catalogPath.length() - 1);
    // Discovery registers the configured branch, else the default branch, in practice one segment:
    // blob/main/docs/catalog-info.yaml is a file someone registered, not this target's.
    boolean discoverable = branch.map(ref::equals).orElse(!ref.isEmpty() && !ref.contains("/"));
    return discoverable ? Optional.of(segments[2]) : Optional.empty();
  }

  @Override
  public String toString() {
    return "DiscoveryTarget[" + host + "/" + organization + ", " + catalogPath + "]";
  }
}
