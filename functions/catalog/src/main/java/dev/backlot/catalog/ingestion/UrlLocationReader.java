package dev.backlot.catalog.ingestion;

import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads {@code url} locations over HTTP(S), limited to {@code backend.reading.allow}. Redirects
 * are not followed (each hop would need its own allow check), bodies are capped by {@code
 * catalog.maxFileBytes}, and any answer
 * but 200 is a failed read, which never deletes the location's last good entities.
 */
public final class UrlLocationReader implements LocationReader {
  private final ReadingAllowList allowList;
  private final FileSizeLimit limit;

  public UrlLocationReader(ReadingAllowList allowList, FileSizeLimit limit) {
    this.allowList = allowList;
    this.limit = limit;
  }

  @Override
  public boolean accepts(String type, String target) {
    return "url".equals(type);
  }

  @Override
  public String read(String type, String target) throws IOException {
    URI uri = URI.create(target);
    if (!allowList.allows(uri)) {
      throw new ReadingNotAllowed("reading " + target + " is not allowed; add its host to backend.reading.allow");
    }
    HttpResponse<InputStream> response;
    try {
      response = SharedHttpClient.get().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + target, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(target + " answered HTTP " + response.statusCode());
      }
      return limit.read(target, body, response.headers().firstValueAsLong("Content-Length").orElse(-1));
    }
  }

  @Override
  public String resolve(String base, String relative) {
    return URI.create(base).resolve(relative).toString();
  }

  /**
   * The same origin (scheme, host and port). This reader sends no credentials and asks {@code
   * backend.reading.allow} about every URL it reads, so whatever it reads the operator allowed to be
   * read anonymously; a web server's origin is as much of a repository as that needs.
   */
  @Override
  public boolean sameRepository(String base, String target) {
    try {
      URI from = URI.create(base);
      URI to = URI.create(target);
      return from.getScheme() != null && from.getScheme().equalsIgnoreCase(to.getScheme())
          && from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost()) && from.getPort() == to.getPort();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
