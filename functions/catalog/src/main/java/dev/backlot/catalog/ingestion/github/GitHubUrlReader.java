package dev.backlot.catalog.ingestion.github;

import dev.backlot.catalog.ingestion.LocationReader;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.platform.cache.Cache;
import dev.backlot.platform.config.Config;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads {@code url} locations on github.com and on the GitHub Enterprise hosts of
 * {@code integrations.github} through the REST API, with the credentials the shared GitHub
 * integration gives for the file's owner (a GitHub App's installation token or the host's token),
 * instead of fetching web pages: the API answers conditional requests for free and says when its
 * rate limit resets. Listed before the generic URL reader, so GitHub URLs never need
 * {@code backend.reading.allow}.
 */
public final class GitHubUrlReader implements LocationReader {
  private final GitHubCredentials credentials;
  private final BranchNames branches;
  private final GitHubContents contents;

  /** With the plugin's cache, which keeps ETags and branch names for every instance when it is Redis. */
  public static GitHubUrlReader fromConfig(Config config, Cache cache) {
    return new GitHubUrlReader(config, cache, Clock.systemUTC(), Sleeper.REAL);
  }

  GitHubUrlReader(Config config, Cache cache, Clock clock, Sleeper sleeper) {
    this.credentials = GitHubCredentials.fromConfig(config, clock);
    GitHubApiCalls calls = new GitHubApiCalls();
    this.branches = new BranchNames(calls, cache);
    this.contents = new GitHubContents(calls, RetryPolicy.fromConfig(config), ConditionalCache.fromConfig(config, cache), clock, sleeper);
  }

  @Override
  public boolean accepts(String type, String target) {
    return "url".equals(type) && GitHubUrl.parse(target).flatMap(this::integration).isPresent();
  }

  @Override
  public String read(String type, String target) throws IOException {
    GitHubUrl url = GitHubUrl.parse(target).orElseThrow(() -> new IOException(target + " is not a GitHub blob or tree URL"));
    GitHubIntegration integration = integration(url).orElseThrow(() -> new IOException("no integrations.github entry for " + url.host()));
    Optional<String> authorization = credentials.authorizationFor(url.host(), url.owner());
    GitHubUrl file = branches.resolve(integration, url, authorization);
    if (file.path().isEmpty()) {
      throw new IOException(target + " names a folder, not a file");
    }
    return contents.read(integration, file, authorization);
  }

  /**
   * Relative to the file's folder, or to the folder itself for a tree URL, as on GitHub's pages.
   * A ref with {@code /} stays the same prefix of the result, so the result resolves to it too.
   */
  @Override
  public String resolve(String base, String relative) {
    String folderAware = GitHubUrl.parse(base).filter(GitHubUrl::tree).isPresent() && !base.endsWith("/") ? base + "/" : base;
    return URI.create(folderAware).resolve(relative).toString();
  }

  private Optional<GitHubIntegration> integration(GitHubUrl file) {
    return credentials.integration(file.host());
  }
}
