package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files next to a template whose catalog location is on a configured GitHub host
 * ({@code https://github.com/acme/templates/blob/main/docs-site/template.yaml}): {@code ./skeleton}
 * is read from the same repository and ref through the Git Data API (the recursive tree, then each
 * blob), with {@code integrations.github}'s credentials. A relative URL may not leave the
 * repository, and an absolute one must be on a configured GitHub host.
 */
public final class GitHubTemplateFiles implements TemplateFiles {
  /** Files and decoded bytes one fetch may read, as a dry run may send. */
  static final int MAX_FILES = 2_000;
  static final long MAX_BYTES = 20L * 1024 * 1024;

  private final GitHubCredentials credentials;
  private final GitHubUrl base;

  /** {@code baseUrl}: the folder of the template's location, a GitHub blob or tree URL. */
  public GitHubTemplateFiles(GitHubCredentials credentials, String baseUrl) {
    this.credentials = credentials;
    this.base = GitHubUrl.parse(baseUrl);
  }

  /** Whether {@code baseUrl} is a GitHub URL on a configured host. */
  public static boolean handles(GitHubCredentials credentials, String baseUrl) {
    try {
      return credentials.integration(GitHubUrl.parse(baseUrl).host()).isPresent();
    } catch (ActionException e) {
      return false;
    }
  }

  @Override
  public Map<String, byte[]> folder(String url) {
    GitHubUrl at = resolve(url);
    GitHubRest github = rest(at);
    Map<String, byte[]> files = new TreeMap<>();
    try {
      JsonNode tree = github.call("GET", "/repos/" + at.owner() + "/" + at.repo() + "/git/trees/" + encode(at.ref()) + "?recursive=1", null);
      String prefix = at.path().isEmpty() ? "" : at.path() + "/";
      long bytes = 0;
      for (JsonNode entry : tree.path("tree")) {
        String path = entry.path("path").asText();
        if (!entry.path("type").asText().equals("blob") || !path.startsWith(prefix)) {
          continue;
        }
        if (files.size() >= MAX_FILES) {
          throw new ActionException("More than " + MAX_FILES + " files at " + url);
        }
        JsonNode blob = github.call("GET", "/repos/" + at.owner() + "/" + at.repo() + "/git/blobs/" + entry.path("sha").asText(), null);
        byte[] content = Base64.getMimeDecoder().decode(blob.path("content").asText());
        bytes += content.length;
        if (bytes > MAX_BYTES) {
          throw new ActionException("More than " + MAX_BYTES + " bytes at " + url);
        }
        files.put(InMemoryTemplateFiles.normalize(path.substring(prefix.length()), path), content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url + " from GitHub", e);
    }
    if (files.isEmpty()) {
      throw new ActionException("No files at " + url + " in " + at.owner() + "/" + at.repo() + "@" + at.ref());
    }
    return files;
  }

  @Override
  public byte[] file(String url) {
    GitHubUrl at = resolve(url);
    try {
      JsonNode content = rest(at).call("GET", "/repos/" + at.owner() + "/" + at.repo() + "/contents/" + at.path() + "?ref=" + encode(at.ref()), null);
      if (!content.path("type").asText().equals("file")) {
        throw new ActionException(url + " is not a file");
      }
      return Base64.getMimeDecoder().decode(content.path("content").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url + " from GitHub", e);
    }
  }

  /** {@code url} against the template's folder: relative ones stay in its repository and ref. */
  private GitHubUrl resolve(String url) {
    if (url.contains("://")) {
      GitHubUrl absolute = GitHubUrl.parse(url);
      if (credentials.integration(absolute.host()).isEmpty()) {
        throw new ActionException("No integrations.github entry for " + absolute.host() + ": cannot read " + url);
      }
      return absolute;
    }
    if (url.startsWith("/")) {
      throw new ActionException("Relative path is not allowed to refer to a directory outside its parent: " + url);
    }
    // '..' may climb to the repository's root (a skeleton shared by several templates), not above it.
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String part : (base.path() + "/" + url).split("/")) {
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new ActionException("Relative path is not allowed to refer to a directory outside its parent: " + url);
        }
        parts.removeLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return base.at(InMemoryTemplateFiles.normalize(String.join("/", parts), url));
  }

  private GitHubRest rest(GitHubUrl at) {
    GitHubIntegration integration = credentials.integration(at.host())
        .orElseThrow(() -> new ActionException("No integrations.github entry for " + at.host()));
    try {
      return new GitHubRest(integration.apiBaseUrl(), credentials.authorizationFor(at.host(), at.owner()).orElse(null));
    } catch (IOException e) {
      throw new ActionException("No GitHub credentials for " + at.owner() + " on " + at.host() + ": " + e.getMessage());
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code https://<host>/<owner>/<repo>/(blob|tree)/<ref>/<path>}. Refs with a '/' are not told apart from the path. */
  record GitHubUrl(String host, String owner, String repo, String ref, String path) {
    static GitHubUrl parse(String url) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new ActionException("Not a URL: " + url);
      }
      String[] parts = uri.getPath() == null ? new String[0] : uri.getPath().replaceAll("^/+", "").split("/", 5);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null || parts.length < 4
          || !(parts[2].equals("blob") || parts[2].equals("tree"))) {
        throw new ActionException("Not a GitHub file or folder URL (https://<host>/<owner>/<repo>/tree/<ref>/<path>): " + url);
      }
      return new GitHubUrl(uri.getHost().toLowerCase(java.util.Locale.ROOT), parts[0], parts[1], parts[3],
          parts.length > 4 ? InMemoryTemplateFiles.normalize(parts[4], url) : "");
    }

    GitHubUrl at(String newPath) {
      return new GitHubUrl(host, owner, repo, ref, newPath);
    }
  }
}
