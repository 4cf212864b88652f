package dev.backlot.integration.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * JSON in and out of GitHub's REST API with one {@code Authorization} (or none): the calls that
 * change something (the scaffolder's publish:github, publish:github:pull-request and
 * github:actions:dispatch), the credentials' own calls (installations, installation tokens) and
 * the github plugin's plain JSON reads (GitHub Actions, listings github-api has no model for).
 * Sent through {@link GitHubApiCalls}, so redirects stay on the API's host.
 *
 * <p>A path is below the API base URL and starts with {@code /}; whoever builds it encodes its
 * segments. The authorization goes into the request's header and nowhere else: not into an
 * exception's message, not into a log.
 */
public final class GitHubRest {
  private static final String JSON = "application/vnd.github+json";

  private final String apiBaseUrl;
  private final Optional<String> authorization;
  private final GitHubApiCalls calls;

  /** Calls below {@code apiBaseUrl} (no trailing slash) with {@code authorization}, naming {@code userAgent}. */
  public GitHubRest(String apiBaseUrl, Optional<String> authorization, String userAgent) {
    this.apiBaseUrl = apiBaseUrl;
    this.authorization = authorization;
    this.calls = new GitHubApiCalls(userAgent);
  }

  /** The answer's JSON (an empty object for an empty answer); anything but a 2xx is a {@link GitHubRefusal} with GitHub's message. */
  public JsonNode call(String method, String path, Object body) throws IOException {
    HttpResponse<byte[]> response = send(method, path, body);
    if (response.statusCode() / 100 != 2) {
      throw new GitHubRefusal(method, path, response);
    }
    return response.body().length == 0 ? Json.object() : Json.MAPPER.readTree(response.body());
  }

  /** The answer whatever its status, for callers that tell statuses apart or read headers ({@code Link}, rate limits). */
  public HttpResponse<byte[]> send(String method, String path, Object body) throws IOException {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a GitHub API path starts with /: " + path);
    }
    return calls.send(method, URI.create(apiBaseUrl + path), JSON, authorization, Optional.empty(), body == null ? null : Json.bytes(body),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
