package dev.backlot.catalog.ingestion.github;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A file or folder on a GitHub web page URL: {@code https://<host>/<owner>/<repo>/blob/<ref>/<path>}
 * or {@code .../tree/<ref>/<path>}. The ref is the first segment after blob/tree, as Backstage
 * reads it; branch names with slashes need their commit SHA or a tag instead.
 */
record GitHubUrl(String host, String owner, String repo, String ref, String path, boolean tree) {
  static Optional<GitHubUrl> parse(String target) {
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getPath() == null) {
      return Optional.empty();
    }
    String[] segments = uri.getPath().split("/", 6);
    // "", owner, repo, blob|tree, ref, path
    if (segments.length < 5 || segments[1].isEmpty() || segments[2].isEmpty() || segments[4].isEmpty()
        || !(segments[3].equals("blob") || segments[3].equals("tree"))) {
      return Optional.empty();
    }
    String path = segments.length == 6 ? segments[5] : "";
    boolean tree = segments[3].equals("tree");
    if (!tree && path.isEmpty() || path.contains("//") || path.endsWith("/") && !tree) {
      return Optional.empty();
    }
    String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    return Optional.of(new GitHubUrl(host.toLowerCase(Locale.ROOT), segments[1], segments[2], segments[4], strip(path), tree));
  }

  private static String strip(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
