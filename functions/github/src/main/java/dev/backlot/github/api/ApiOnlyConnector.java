package dev.backlot.github.api;

import java.io.IOException;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Sends only requests below the configured API base URL. github-api follows a listing's
 * {@code Link: <…>; rel="next"} wherever it points, with the token; a next page elsewhere ends
 * the listing with an error instead, so credentials never leave for a URL a response suggested.
 */
final class ApiOnlyConnector implements GitHubConnector {
  private final String apiBaseUrl;
  private final GitHubConnector http;

  ApiOnlyConnector(String apiBaseUrl, GitHubConnector http) {
    this.apiBaseUrl = apiBaseUrl;
    this.http = http;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    String url = request.url().toString();
    if (!url.startsWith(apiBaseUrl + "/")) {
      // A GHIOException reaches the caller as it is, not wrapped in an HTTP error without a status.
      throw new GHIOException(url + " is not below " + apiBaseUrl);
    }
    return http.send(request);
  }
}
