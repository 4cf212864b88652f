package dev.backlot.integration.github;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** A request to GitHub's REST API as every Backlot plugin sends it: the API version it was written against, a user agent (GitHub requires one), a timeout. */
final class GitHubRequests {
  private GitHubRequests() {}

  static HttpRequest.Builder to(URI uri, String accept, String userAgent) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Accept", accept)
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", userAgent);
  }
}
