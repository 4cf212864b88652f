package dev.backlot.integration.github;

import dev.backlot.platform.cache.Cache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settles where the ref ends in a URL like {@code blob/feature/new-api/catalog-info.yaml}: the
 * shortest candidate that is a branch ({@code GET /repos/{owner}/{repo}/branches/{name}}, 200)
 * wins; when none is, the first segment stays the ref (a tag or a commit). Answers are cached in
 * the plugin's cache, so the files a catalog file points at ({@code ./openapi.yaml}, which
 * resolves to the same prefix) cost no more look-ups, and every instance shares them.
 */
public final class BranchNames {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Duration TTL = Duration.ofMinutes(15);

  private final GitHubApiCalls calls;
  private final Cache cache;

  public BranchNames(GitHubApiCalls calls, Cache cache) {
    this.calls = calls;
    this.cache = cache;
  }

  public GitHubUrl resolve(GitHubIntegration integration, GitHubUrl url, Optional<String> authorization) throws IOException {
    List<String> candidates = url.refCandidates();
    if (candidates.size() == 1 || COMMIT.matcher(url.ref()).matches()) {
      return url;
    }
    for (String candidate : candidates) {
      if (isBranch(integration, url, candidate, authorization)) {
        return url.withRef(candidate);
      }
    }
    return url;
  }

  private boolean isBranch(GitHubIntegration integration, GitHubUrl url, String candidate, Optional<String> authorization)
      throws IOException {
    String key = "github-branch:" + url.host() + "/" + url.owner() + "/" + url.repo() + ":" + candidate;
    Optional<String> known = cache.get(key);
    if (known.isPresent()) {
      return known.get().equals("yes");
    }
    URI uri = URI.create(integration.apiBaseUrl() + "/repos/" + GitHubApiCalls.encode(url.owner()) + "/"
        + GitHubApiCalls.encode(url.repo()) + "/branches/" + GitHubApiCalls.encode(candidate));
    int status = calls.get(uri, "application/vnd.github+json", authorization, Optional.empty(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status == 401 && authorization.isPresent()) {
      throw new TokenRefused(url.owner() + "/" + url.repo() + ": GitHub answered HTTP 401 to the credentials of integrations.github");
    }
    if (status != 200 && status != 404) {
      // Not an answer about the branch (rate limit, outage): the read fails and is tried again later.
      throw new IOException(url.owner() + "/" + url.repo() + ": GitHub answered HTTP " + status
          + " when asked whether '" + candidate + "' is a branch");
    }
    cache.set(key, status == 200 ? "yes" : "no", TTL);
    return status == 200;
  }
}
