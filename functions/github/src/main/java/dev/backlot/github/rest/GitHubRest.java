package dev.backlot.github.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API as this plugin reads it: single GETs, and listings followed page by page
 * through the {@code Link: <…>; rel="next"} header. Credentials go only to the API base URL they
 * were configured for: a next link elsewhere ends the listing with an error.
 */
public final class GitHubRest {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  public static final String JSON = "application/vnd.github+json";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * Every item of the listing that starts at {@code first}, at most {@code maxPages} pages;
   * {@code what} names it in errors. Anything but 200 on any page fails the whole listing, so a
   * caller never takes part of a list for all of it.
   */
  public List<JsonNode> list(String apiBaseUrl, Optional<String> authorization, String first, int maxPages, String what) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    String next = first;
    for (int page = 0; next != null; page++) {
      if (page == maxPages) {
        throw new IOException(what + " run over more than " + maxPages + " pages");
      }
      if (!next.startsWith(apiBaseUrl + "/")) {
        throw new IOException("GitHub's next page " + next + " is not below " + apiBaseUrl);
      }
      HttpResponse<byte[]> response = get(authorization, next, JSON);
      if (response.statusCode() != 200) {
        throw new IOException("GitHub answered " + response.statusCode() + " to " + what);
      }
      Json.MAPPER.readTree(response.body()).forEach(items::add);
      next = response.headers().firstValue("Link").flatMap(GitHubRest::nextPage).orElse(null);
    }
    return items;
  }

  /** One JSON resource; anything but 200 is an error naming {@code what}. */
  public JsonNode object(Optional<String> authorization, String uri, String what) throws IOException {
    HttpResponse<byte[]> response = get(authorization, uri, JSON);
    if (response.statusCode() != 200) {
      throw new IOException("GitHub answered " + response.statusCode() + " to " + what);
    }
    return Json.MAPPER.readTree(response.body());
  }

  public HttpResponse<byte[]> get(Optional<String> authorization, String uri, String accept) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", accept)
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "backlot-github");
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + uri, e);
    }
  }

  static Optional<String> nextPage(String link) {
    Matcher next = NEXT.matcher(link);
    return next.find() ? Optional.of(next.group(1)) : Optional.empty();
  }

  /** A path segment, percent-encoded. */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
