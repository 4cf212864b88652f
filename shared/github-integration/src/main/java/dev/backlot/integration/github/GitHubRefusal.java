package dev.backlot.integration.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * GitHub answered a {@link GitHubRest} call with something other than a 2xx: its status and its own
 * message ({@code message}, and {@code errors} when it lists any), which say what to fix, e.g.
 * {@code Repository creation failed. [{"field":"name","message":"name already exists"}]}.
 */
public final class GitHubRefusal extends IOException {
  private final int status;
  private final String githubMessage;

  GitHubRefusal(String method, String path, HttpResponse<byte[]> response) {
    this(response.statusCode(), method + " " + path, message(response.body()));
  }

  private GitHubRefusal(int status, String call, String githubMessage) {
    super("GitHub answered " + status + " to " + call + ": " + githubMessage);
    this.status = status;
    this.githubMessage = githubMessage;
  }

  public int status() {
    return status;
  }

  /** GitHub's {@code message} and {@code errors}; {@code (no message)} or {@code (not JSON)} when the answer has none. */
  public String githubMessage() {
    return githubMessage;
  }

  private static String message(byte[] body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      if (json == null) {
        return "(no message)";
      }
      String errors = json.path("errors").isArray() && !json.path("errors").isEmpty() ? " " + json.path("errors").toString() : "";
      return json.path("message").asText("(no message)") + errors;
    } catch (IOException e) {
      return "(not JSON)";
    }
  }
}
