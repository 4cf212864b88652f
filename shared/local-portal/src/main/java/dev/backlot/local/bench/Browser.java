package dev.backlot.local.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A browser as far as sign-in goes: cookies, and redirects followed one by one, so a caller sees
 * each hop. The sign-in tests and the first-page benchmark drive the shell with it.
 */
public final class Browser {
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  public Browser(SSLContext trusting) {
    http = HttpClient.newBuilder().cookieHandler(cookies).sslContext(trusting)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A browser whose every request goes through {@code proxy} (the rehearsal's view of the internet). */
  public Browser(SSLContext trusting, ProxySelector proxy) {
    http = HttpClient.newBuilder().cookieHandler(cookies).sslContext(trusting).proxy(proxy)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    // What a browser's address bar sends: the shell sends page loads, unlike API calls, to sign-in.
    return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build());
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
    return http.send(request, body);
  }

  /** Posts a form as the browser would, with no redirect followed. */
  public HttpResponse<String> postForm(URI uri, Map<String, String> fields, Map<String, String> headers)
      throws IOException, InterruptedException {
    String form = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    headers.forEach(request::header);
    return send(request.build());
  }

  /** Follows redirects from {@code response} with GETs until a page that is not a redirect. */
  public HttpResponse<String> follow(HttpResponse<String> response, List<URI> visited) throws IOException, InterruptedException {
    for (int hops = 0; response.statusCode() / 100 == 3; hops++) {
      if (hops > 10) {
        throw new IllegalStateException("too many redirects: " + visited);
      }
      URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      visited.add(next);
      response = get(next);
    }
    return response;
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  public List<HttpCookie> cookies() {
    return cookies.getCookieStore().getCookies();
  }
}
