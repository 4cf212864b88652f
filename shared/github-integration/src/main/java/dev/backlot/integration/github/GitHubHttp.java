package dev.backlot.integration.github;

import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The few REST calls the credentials make: JSON in and out. */
final class GitHubHttp {
  HttpResponse<byte[]> send(String uri, String method, String authorization) throws IOException {
    HttpRequest request = GitHubRequests.to(URI.create(uri), "application/vnd.github+json", "backlot")
        .header("Authorization", authorization)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      return SharedHttpClient.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + uri, e);
    }
  }

}
