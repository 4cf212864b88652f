package dev.backlot.scaffolder.actions;

import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubFolderReader;
import dev.backlot.integration.github.GitHubFolderReader.Entry;
import dev.backlot.integration.github.GitHubFolderReader.Folder;
import dev.backlot.integration.github.GitHubUrl;
import dev.backlot.platform.cache.MemoryCache;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Files next to a template whose catalog location is on a configured GitHub host
 * ({@code https://github.com/acme/templates/blob/main/docs-site/template.yaml}): {@code ./skeleton}
 * is read from the same repository and ref by the shared {@link GitHubFolderReader} (the folder's
 * tree, then each blob), with {@code integrations.github}'s credentials. A relative URL may climb to
 * the repository's root but not above it, and an absolute one must be a GitHub URL on a configured
 * host.
 */
public final class GitHubTemplateFiles implements TemplateFiles {
  /** Files and bytes one fetch may read, as a dry run may send; checked on GitHub's listing, before a file is read. */
  static final int MAX_FILES = 2_000;
  static final long MAX_BYTES = 20L * 1024 * 1024;

  private final GitHubFolderReader github;
  private final GitHubUrl base;

  /** {@code baseUrl}: the folder of the template's location, a GitHub blob or tree URL. */
  public GitHubTemplateFiles(GitHubCredentials credentials, String baseUrl) {
    // Which part of a ref with a '/' is the branch is settled once per task: the cache lives as long as this.
    this.github = new GitHubFolderReader(credentials, new MemoryCache(100, Duration.ofMinutes(15)), "backlot-scaffolder", Clock.systemUTC());
    this.base = folderUrl(baseUrl).filter(github::reads)
        .orElseThrow(() -> new ActionException("Not a GitHub folder URL on a host of integrations.github: " + baseUrl));
  }

  /** Whether {@code baseUrl} is a GitHub URL on a configured host. */
  public static boolean handles(GitHubCredentials credentials, String baseUrl) {
    return folderUrl(baseUrl).filter(url -> credentials.integration(url.host()).isPresent()).isPresent();
  }

  /** {@code templateInfo.baseUrl}, the folder of the template's file ({@code .../blob/<ref>/<folder>/}), as that folder's tree URL. */
  private static Optional<GitHubUrl> folderUrl(String baseUrl) {
    return GitHubUrl.parse(baseUrl.replaceFirst("^(https://[^/?#]+/[^/?#]+/[^/?#]+/)blob/", "$1tree/"));
  }

  @Override
  public Map<String, byte[]> folder(String url) {
    GitHubUrl at = resolve(url);
    Map<String, byte[]> files;
    try {
      files = github.read(github.locate(at), MAX_FILES, MAX_BYTES);
    } catch (IOException e) {
      throw new ActionException("Cannot read " + url + " from GitHub: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new ActionException("No files at " + url + " in " + at.owner() + "/" + at.repo() + "@" + at.ref());
    }
    return files;
  }

  @Override
  public byte[] file(String url) {
    GitHubUrl at = resolve(url);
    int slash = at.path().lastIndexOf('/');
    if (at.path().isEmpty()) {
      throw new ActionException(url + " is not a file");
    }
    try {
      Folder parent = github.locate(at.atPath(slash < 0 ? "" : at.path().substring(0, slash)));
      Entry file = parent.child(at.path().substring(slash + 1)).filter(Entry::isFile)
          .orElseThrow(() -> new ActionException(url + " is not a file"));
      if (file.size() > MAX_BYTES) {
        throw new ActionException(url + " is larger than " + MAX_BYTES + " bytes");
      }
      return github.blob(parent, file);
    } catch (IOException e) {
      throw new ActionException("Cannot read " + url + " from GitHub: " + e.getMessage());
    }
  }

  /** {@code url} against the template's folder: relative ones stay in its repository and ref. */
  private GitHubUrl resolve(String url) {
    if (url.contains("://")) {
      // As a tree URL: the folder it names, or (for file) the file's path, which file() splits.
      GitHubUrl absolute = GitHubUrl.parse(url).map(parsed -> parsed.atPath(parsed.path()))
          .orElseThrow(() -> new ActionException("Not a GitHub file or folder URL (https://<host>/<owner>/<repo>/tree/<ref>/<path>): " + url));
      if (!github.reads(absolute)) {
        throw new ActionException("No integrations.github entry for " + absolute.host() + ": cannot read " + url);
      }
      return absolute;
    }
    if (url.startsWith("/")) {
      throw new ActionException("Relative path is not allowed to refer to a directory outside its parent: " + url);
    }
    // '..' may climb to the repository's root (a skeleton shared by several templates), not above it.
    Deque<String> parts = new ArrayDeque<>();
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
    return base.atPath(InMemoryTemplateFiles.normalize(String.join("/", parts), url));
  }
}
