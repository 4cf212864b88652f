package dev.backlot.shell;

import dev.backlot.platform.http.Json;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backend-for-frontend: {@code /api/**} from the browser goes to the gateway with the
 * person's Backlot token in {@code Authorization}, minted and kept in the session ({@link
 * SessionTokens}), so no token ever reaches the browser. Bodies stream both ways; nothing is
 * buffered whole.
 */
@RestController
class GatewayForwarding {
  // Hop-by-hop headers, those java.net.http sets itself, the browser's own credentials, and what
  // the browser claims about proxies before the shell: the shell says where a call came from itself.
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
      "cookie", "authorization", "x-xsrf-token", "x-forwarded-authorization", "forwarded", "x-forwarded-for",
      "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-proto");
  // Hop-by-hop headers, the backend's cookies, and the browser rules the shell sets on every
  // response (SecurityConfiguration), which no plugin or site behind the proxy plugin may loosen.
  private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "set-cookie",
      "content-length", "upgrade", "trailer", "content-security-policy", "content-security-policy-report-only",
      "referrer-policy", "x-content-type-options", "x-frame-options", "strict-transport-security");

  private final String gatewayUrl;
  private final SessionTokens tokens;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  GatewayForwarding(@Value("${backend.base-url:http://localhost:7007}") String gatewayUrl, SessionTokens tokens) {
    this.gatewayUrl = gatewayUrl.replaceAll("/+$", "");
    this.tokens = tokens;
  }

  @RequestMapping("/api/**")
  void forward(HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal SignedInUser user)
      throws IOException {
    if (user == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    String token;
    try {
      token = tokens.tokenFor(request.getSession(), user);
    } catch (IdentityResolution.Refusal refusal) {
      refuse(request, response, refusal);
      return;
    }
    String query = request.getQueryString();
    URI target = URI.create(gatewayUrl + pathAsReceived(request) + (query == null ? "" : "?" + query));
    HttpRequest.Builder outgoing = HttpRequest.newBuilder(target).method(request.getMethod(), bodyOf(request))
        .header("Authorization", "Bearer " + token)
        // The client's address as the platform's front end told the shell (server.tomcat.remoteip).
        .header("X-Forwarded-For", request.getRemoteAddr());
    for (String name : Collections.list(request.getHeaderNames())) {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        Collections.list(request.getHeaders(name)).forEach(value -> outgoing.header(name, value));
      }
    }
    HttpResponse<InputStream> answer;
    try {
      answer = http.send(outgoing.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The gateway is unreachable");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
      return;
    }
    response.setStatus(answer.statusCode());
    answer.headers().map().forEach((name, values) -> {
      if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        values.forEach(value -> response.addHeader(name, value));
      }
    });
    answer.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
    try (InputStream body = answer.body(); OutputStream out = response.getOutputStream()) {
      body.transferTo(out);
    }
  }

  /**
   * The path of the request line as the server received it, never one a filter rebuilt from
   * forwarding headers (Spring's ForwardedHeaderFilter would prefix it with X-Forwarded-Prefix, a
   * header anyone can send): the browser chooses which route it calls, not which path it pretends to.
   */
  private static String pathAsReceived(HttpServletRequest request) {
    ServletRequest received = request;
    while (received instanceof ServletRequestWrapper wrapper) {
      received = wrapper.getRequest();
    }
    return ((HttpServletRequest) received).getRequestURI();
  }

  /**
   * No token for someone the catalog no longer resolves: the session ends and the browser is told
   * why (signing in again explains it on a page), in Backstage's error shape. A catalog that cannot
   * be asked is a 503 and the session stays, to try again.
   */
  private static void refuse(HttpServletRequest request, HttpServletResponse response, IdentityResolution.Refusal refusal)
      throws IOException {
    boolean unavailable = IdentityResolution.CATALOG_UNAVAILABLE.equals(refusal.code());
    int status = unavailable ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_UNAUTHORIZED;
    if (!unavailable) {
      request.getSession().invalidate();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", Map.of("name", unavailable ? "ServiceUnavailableError" : "AuthenticationError", "message", refusal.getMessage()));
    body.put("request", Map.of("method", request.getMethod(), "url", request.getRequestURI()));
    body.put("response", Map.of("statusCode", status));
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(Json.bytes(body));
  }

  private static HttpRequest.BodyPublisher bodyOf(HttpServletRequest request) throws IOException {
    long length = request.getContentLengthLong();
    boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length <= 0 && !chunked) {
      return HttpRequest.BodyPublishers.noBody();
    }
    InputStream body = request.getInputStream();
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> body);
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }
}
