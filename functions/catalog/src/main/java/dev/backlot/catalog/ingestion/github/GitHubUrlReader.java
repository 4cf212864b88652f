package dev.backlot.catalog.ingestion.github;

import dev.backlot.catalog.ingestion.LocationReader;
import dev.backlot.platform.config.Config;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code url} locations on github.com and on the GitHub Enterprise hosts of
 * {@code integrations.github} through the REST API, with the host's token, instead of fetching
 * web pages: the API answers conditional requests for free and says when its rate limit resets.
 * Listed before the generic URL reader, so GitHub URLs never need {@code backend.reading.allow}.
 */
public final class GitHubUrlReader implements LocationReader {
  private final List<GitHubIntegration> integrations;
  private final GitHubContents contents;

  public static GitHubUrlReader fromConfig(Config config) {
    return new GitHubUrlReader(config, Clock.systemUTC(), Sleeper.REAL);
  }

  GitHubUrlReader(Config config, Clock clock, Sleeper sleeper) {
    this.integrations = GitHubIntegration.fromConfig(config);
    this.contents = new GitHubContents(RetryPolicy.fromConfig(config), clock, sleeper);
  }

  @Override
  public boolean accepts(String type, String target) {
    return "url".equals(type) && GitHubUrl.parse(target).flatMap(this::integration).isPresent();
  }

  @Override
  public String read(String type, String target) throws IOException {
    GitHubUrl file = GitHubUrl.parse(target).orElseThrow(() -> new IOException(target + " is not a GitHub blob or tree URL"));
    GitHubIntegration integration = integration(file).orElseThrow(() -> new IOException("no integrations.github entry for " + file.host()));
    if (file.path().isEmpty()) {
      throw new IOException(target + " names a repository's root folder, not a file");
    }
    return contents.read(integration, file);
  }

  /** Relative to the file's folder, or to the folder itself for a tree URL, as on GitHub's pages. */
  @Override
  public String resolve(String base, String relative) {
    String folderAware = GitHubUrl.parse(base).filter(GitHubUrl::tree).isPresent() && !base.endsWith("/") ? base + "/" : base;
    return URI.create(folderAware).resolve(relative).toString();
  }

  private Optional<GitHubIntegration> integration(GitHubUrl file) {
    return integrations.stream().filter(i -> i.host().equals(file.host())).findFirst();
  }
}
