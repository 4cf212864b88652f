package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.integration.github.GitHubRequests;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The GitHub REST calls of one {@code publish:github} run: JSON in and out with the run's
 * authorization, through the platform's shared HTTP client. An error answer becomes an
 * {@link ActionException} with GitHub's message and the call, never the authorization.
 */
final class GitHubRest {
  private final String apiBaseUrl;
  private final String authorization;

  GitHubRest(String apiBaseUrl, String authorization) {
    this.apiBaseUrl = apiBaseUrl;
    this.authorization = authorization;
  }

  JsonNode call(String method, String path, Object body) throws IOException {
    HttpResponse<byte[]> response = send(method, path, body);
    if (response.statusCode() / 100 != 2) {
      throw new ActionException("GitHub answered " + response.statusCode() + " to " + method + " " + path + ": " + message(response.body()));
    }
    return response.body().length == 0 ? Json.object() : Json.MAPPER.readTree(response.body());
  }

  HttpResponse<byte[]> send(String method, String path, Object body) throws IOException {
    HttpRequest.Builder request = GitHubRequests.to(URI.create(apiBaseUrl + path), "application/vnd.github+json", "backlot-scaffolder")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return SharedHttpClient.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling GitHub", e);
    }
  }

  private static String message(byte[] body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      String errors = json.path("errors").isArray() && !json.path("errors").isEmpty() ? " " + json.path("errors").toString() : "";
      return json.path("message").asText("(no message)") + errors;
    } catch (IOException e) {
      return "(not JSON)";
    }
  }
}
