package dev.backlot.proxy.forwarding;

import dev.backlot.proxy.endpoints.Credentials;
import dev.backlot.proxy.endpoints.ProxyEndpoint;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Which headers cross the proxy, both ways. As in Backstage only safe headers pass (the CORS
 * safelisted ones, {@code Accept}, {@code Accept-Language}, {@code User-Agent}) plus the
 * endpoint's {@code allowedHeaders}; answers also keep {@code Location} (a 3xx is passed on, not
 * followed) and {@code Content-Encoding} (the body passes unchanged). Hop-by-hop headers never
 * pass, whatever is allowed. The caller's credentials ({@code Authorization}, its forwarded forms
 * and {@code Cookie}) never reach the target except the Backlot token under {@code credentials:
 * forward}; the endpoint's own {@code headers} are set last, so the caller cannot replace them.
 */
public final class ForwardedHeaders {
  private static final Set<String> SAFE = Set.of("cache-control", "content-language", "content-type", "expires",
      "last-modified", "pragma", "accept", "accept-language", "user-agent");
  private static final Set<String> ANSWER_ONLY = Set.of("location", "content-encoding", "content-length");
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer", "trailers",
      "transfer-encoding", "upgrade");
  private static final Set<String> CALLER_CREDENTIALS = Set.of("authorization", "cookie", "x-forwarded-authorization",
      "x-serverless-authorization");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final ProxyEndpoint endpoint;

  public ForwardedHeaders(ProxyEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Whether {@code name} is a valid header name. */
  public static boolean isToken(String name) {
    return TOKEN.matcher(name).matches();
  }

  /** Whether {@code name} is hop-by-hop: it belongs to one connection, never forwarded. */
  public static boolean isHopByHop(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return HOP_BY_HOP.contains(lower) || lower.startsWith("proxy-");
  }

  /** The headers of the request to the target, from the caller's. */
  Map<String, List<String>> toTarget(Map<String, List<String>> caller) {
    Set<String> connectionNamed = connectionNamed(caller);
    Map<String, List<String>> out = new LinkedHashMap<>();
    caller.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      boolean allowed = SAFE.contains(lower) || endpoint.allowedHeaders().contains(lower)
          || lower.equals("host") && !endpoint.changeOrigin();
      // Content-Length comes from the body the client streams; it is not copied.
      if (allowed && !isHopByHop(lower) && !connectionNamed.contains(lower) && !CALLER_CREDENTIALS.contains(lower)
          && !lower.equals("content-length")) {
        out.put(name, values);
      }
    });
    if (endpoint.credentials() == Credentials.FORWARD) {
      // Behind API Gateway the caller's token is X-Forwarded-Authorization; Authorization is the gateway's.
      first(caller, "x-forwarded-authorization").or(() -> first(caller, "authorization"))
          .ifPresent(token -> out.put("Authorization", List.of(token)));
    }
    endpoint.headers().forEach((name, value) -> {
      out.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      out.put(name, List.of(value));
    });
    return out;
  }

  /** The headers of the answer to the caller, from the target's; {@code Content-Type} goes separately. */
  void toCaller(Map<String, List<String>> target, BiConsumer<String, String> header) {
    Set<String> connectionNamed = connectionNamed(target);
    target.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      boolean allowed = SAFE.contains(lower) || ANSWER_ONLY.contains(lower) || endpoint.allowedHeaders().contains(lower);
      if (allowed && !lower.equals("content-type") && !isHopByHop(lower) && !connectionNamed.contains(lower)) {
        values.forEach(value -> header.accept(name, value));
      }
    });
  }

  /** The headers {@code Connection} names, which are hop-by-hop too. */
  private static Set<String> connectionNamed(Map<String, List<String>> headers) {
    Set<String> named = new HashSet<>();
    headers.forEach((name, values) -> {
      if (name.equalsIgnoreCase("connection")) {
        values.forEach(value -> {
          for (String token : value.split(",")) {
            named.add(token.trim().toLowerCase(Locale.ROOT));
          }
        });
      }
    });
    return named;
  }

  private static java.util.Optional<String> first(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0)).findFirst();
  }
}
