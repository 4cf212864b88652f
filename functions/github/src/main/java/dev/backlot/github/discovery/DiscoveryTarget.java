package dev.backlot.github.discovery;

import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One organisation to scan, from {@code github.discovery}: {@code organization}, {@code host}
 * (github.com), {@code catalogPath} (catalog-info.yaml; a glob such as {@code **}{@code
 * /catalog-info.yaml} finds every such file in the repository), {@code branch} (each repository's
 * default branch), {@code repository}, a regular expression repository names must match, and
 * {@code topics.include} / {@code topics.exclude} (a repository needs one of the included topics,
 * when any are listed, and none of the excluded ones), as Backstage's GitHub discovery filters
 * them. The API base URL and the credentials are those of the host's {@code integrations.github}
 * entry, shared with the catalog.
 */
public record DiscoveryTarget(String organization, String host, String catalogPath, Optional<String> branch,
    Pattern repository, Set<String> includedTopics, Set<String> excludedTopics) {
  public static List<DiscoveryTarget> fromConfig(Config config, GitHubClients github) {
    return config.getOptionalConfigList("github.discovery").orElse(List.of()).stream().map(entry -> {
      String host = entry.getOptionalString("host").orElse("github.com").toLowerCase(Locale.ROOT);
      String catalogPath = entry.getOptionalString("catalogPath").orElse("catalog-info.yaml").replaceAll("^/+", "");
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + catalogPath);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("github.discovery catalogPath '" + catalogPath + "' is no valid pattern: " + e.getMessage());
      }
      github.apiBaseUrl(host); // a host integrations.github does not list fails here, at startup
      return new DiscoveryTarget(entry.getString("organization"), host, catalogPath,
          entry.getOptionalString("branch"),
          Pattern.compile(entry.getOptionalString("repository").orElse(".*")),
          topics(entry, "topics.include"), topics(entry, "topics.exclude"));
    }).toList();
  }

  private static Set<String> topics(Config entry, String key) {
    // GitHub keeps topics in lower case.
    Set<String> topics = new TreeSet<>();
    entry.getOptionalStringList(key).orElse(List.of()).forEach(topic -> topics.add(topic.toLowerCase(Locale.ROOT)));
    return topics;
  }

  /** Whether repository {@code owner/name} on {@code host} is one this target discovers. */
  boolean covers(String host, String owner, String name) {
    return this.host.equalsIgnoreCase(host) && organization.equalsIgnoreCase(owner) && repository.matcher(name).matches();
  }

  /** Whether the topic filters name any topic: only then is the listing read as JSON too, for the topics. */
  boolean filtersByTopics() {
    return !includedTopics.isEmpty() || !excludedTopics.isEmpty();
  }

  /** Whether a repository with {@code topics} passes the topic filters. */
  boolean wantsTopics(List<String> topics) {
    return (includedTopics.isEmpty() || topics.stream().anyMatch(includedTopics::contains))
        && topics.stream().noneMatch(excludedTopics::contains);
  }

  /** Whether {@code catalogPath} names files by a glob pattern rather than one path. */
  boolean findsFilesByPattern() {
    return catalogPath.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
  }

  /**
   * Whether {@code path} in a repository is a catalog file of this target. As in Backstage's
   * globs, a leading {@code **}{@code /} also matches files at the top of the repository.
   */
  boolean isCatalogFile(String path) {
    if (!findsFilesByPattern()) {
      return path.equals(catalogPath);
    }
    try {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + catalogPath);
      return matcher.matches(Path.of(path))
          || (catalogPath.startsWith("**/") && FileSystems.getDefault().getPathMatcher("glob:" + catalogPath.substring(3)).matches(Path.of(path)));
    } catch (InvalidPathException e) {
      return false;
    }
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
    if (segments.length < 5 || !segments[1].equalsIgnoreCase(organization) || segments[2].isEmpty() || !segments[3].equals("blob")) {
      return Optional.empty();
    }
    // Discovery registers the configured branch, else the default branch, in practice one segment:
    // blob/main/docs/catalog-info.yaml is a file someone registered, not this target's (unless its
    // catalogPath pattern finds docs/catalog-info.yaml).
    String ref = branch.filter(b -> segments[4].startsWith(b + "/")).orElse(segments[4].split("/", 2)[0]);
    if (branch.isPresent() && !branch.get().equals(ref) || ref.isEmpty() || segments[4].length() <= ref.length() + 1) {
      return Optional.empty();
    }
    return isCatalogFile(segments[4].substring(ref.length() + 1)) ? Optional.of(segments[2]) : Optional.empty();
  }

  /** What discovery's cursor for this target is kept under. */
  String key() {
    return host + "/" + organization.toLowerCase(Locale.ROOT) + ":" + catalogPath;
  }

  @Override
  public String toString() {
    return "DiscoveryTarget[" + host + "/" + organization + ", " + catalogPath + "]";
  }
}
