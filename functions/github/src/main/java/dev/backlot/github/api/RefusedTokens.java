package dev.backlot.github.api;

import dev.backlot.integration.github.GitHubCredentials;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Tells the credentials when GitHub answers 401 to a token. github-api then asks for the
 * {@code Authorization} again and, when it changed, sends the request once more: so a revoked
 * installation token costs one refused request, not every request until it would have expired.
 * Once per client: should GitHub refuse the new token too, the 401 stands, rather than every
 * retry minting yet another token.
 */
final class RefusedTokens implements GitHubConnector {
  private final GitHubCredentials credentials;
  private final String host;
  private final String owner;
  private final GitHubConnector http;
  private final AtomicBoolean told = new AtomicBoolean();

  RefusedTokens(GitHubCredentials credentials, String host, String owner, GitHubConnector http) {
    this.credentials = credentials;
    this.host = host;
    this.owner = owner;
    this.http = http;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    GitHubConnectorResponse response = http.send(request);
    String authorization = request.header("Authorization");
    if (response.statusCode() == 401 && authorization != null && told.compareAndSet(false, true)) {
      credentials.refused(host, owner, authorization);
    }
    return response;
  }
}
