package dev.backlot.integration.github;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few REST calls the credentials make: JSON in and out, GitHub's API version, and the next page of a {@code Link} header. */
final class GitHubHttp {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  HttpResponse<byte[]> send(String uri, String method, String authorization) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "backlot")
        .header("Authorization", authorization)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + uri, e);
    }
  }

  /** The {@code rel="next"} URL of GitHub's {@code Link} header, if there is a next page. */
  static Optional<String> nextPage(String link) {
    Matcher next = NEXT.matcher(link);
    return next.find() ? Optional.of(next.group(1)) : Optional.empty();
  }
}
