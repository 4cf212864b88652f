package dev.backlot.proxy.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.proxy.forwarding.ForwardedHeaders;
import dev.backlot.proxy.forwarding.TargetAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads Backstage's proxy config: {@code proxy.endpoints} ({@code '/x': 'https://…'} or an object
 * per route), or, as Backstage still does when that is absent, the deprecated routes directly
 * under {@code proxy} (keys that start with '/'). An invalid endpoint stops the start-up unless
 * {@code proxy.skipInvalidProxies} is set, which skips it with a warning, as in Backstage.
 */
public final class ProxyEndpoints {
  /** The body limit unless an endpoint sets {@code maxRequestBytes}: 10 MiB. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
  /** Waiting for the target to connect, to answer, or between two reads, unless an endpoint sets {@code proxyTimeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** The methods the platform router and the API gateway serve. */
  public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private static final Logger LOG = Logger.getLogger(ProxyEndpoints.class.getName());
  private static final Set<String> KEYS = Set.of("target", "headers", "changeOrigin", "pathRewrite", "allowedMethods",
      "allowedHeaders", "credentials", "internal", "proxyTimeout", "maxRequestBytes");
  private static final Pattern ROUTE = Pattern.compile("(/[A-Za-z0-9._~!$&'()+,;=@-]+)+");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");
  /** Hosts that some parsers read as an IPv4 address in decimal, octal or hexadecimal parts. */
  private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+)){0,3}\\.?");
  private static final Pattern CANONICAL_IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private ProxyEndpoints() {}

  public static List<ProxyEndpoint> fromConfig(Config config) {
    boolean skipInvalid = config.getOptionalBoolean("proxy.skipInvalidProxies").orElse(false);
    ObjectNode entries = config.getOptionalConfig("proxy.endpoints").map(Config::toJson).orElseGet(() -> legacyRoutes(config));
    List<ProxyEndpoint> endpoints = new ArrayList<>();
    Set<String> routes = new TreeSet<>();
    for (var entry : entries.properties()) {
      try {
        ProxyEndpoint endpoint = endpoint(entry.getKey(), entry.getValue());
        if (!routes.add(endpoint.route())) {
          throw new IllegalArgumentException("Proxy route '" + entry.getKey() + "' is configured twice");
        }
        endpoints.add(endpoint);
      } catch (IllegalArgumentException e) {
        if (!skipInvalid) {
          throw new ConfigException("Invalid proxy config: " + e.getMessage());
        }
        LOG.warning("skipped configuring " + entry.getKey() + " due to " + e.getMessage());
      }
    }
    // In route order, so the route table reads the same whatever order the config came in.
    endpoints.sort(java.util.Comparator.comparing(ProxyEndpoint::route));
    return List.copyOf(endpoints);
  }

  /** Backstage's older form: routes directly under {@code proxy}. */
  private static ObjectNode legacyRoutes(Config config) {
    ObjectNode routes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    config.getOptionalConfig("proxy").map(Config::toJson).ifPresent(proxy -> proxy.properties().forEach(field -> {
      if (field.getKey().startsWith("/")) {
        routes.set(field.getKey(), field.getValue());
      }
    }));
    if (!routes.isEmpty()) {
      LOG.warning("Configuring proxy endpoints in the root 'proxy' configuration is deprecated. Move this configuration to 'proxy.endpoints' instead.");
    }
    return routes;
  }

  static ProxyEndpoint endpoint(String key, JsonNode value) {
    String route = route(key);
    if (value.isTextual()) {
      return new ProxyEndpoint(route, target(key, value.asText()), Map.of(), true, List.of(), METHODS, Set.of(),
          Credentials.REQUIRE, false, DEFAULT_TIMEOUT, DEFAULT_MAX_REQUEST_BYTES);
    }
    if (!value.isObject()) {
      throw new IllegalArgumentException("Proxy route '" + key + "' must be a URL or an object with a target");
    }
    for (var field : value.properties()) {
      if (!KEYS.contains(field.getKey())) {
        throw new IllegalArgumentException("Proxy route '" + key + "' has the unsupported key '" + field.getKey() + "'; supported: "
            + new TreeSet<>(KEYS));
      }
    }
    JsonNode target = value.get("target");
    if (target == null || !target.isTextual()) {
      throw new IllegalArgumentException("Proxy target for route \"" + key + "\" must be a string");
    }
    return new ProxyEndpoint(route, target(key, target.asText()), headers(key, value.get("headers")),
        bool(key, value, "changeOrigin", true), rewrites(key, value.get("pathRewrite")), methods(key, value.get("allowedMethods")),
        allowedHeaders(key, value.get("allowedHeaders")),
        value.has("credentials") ? Credentials.of(value.get("credentials").asText(), key) : Credentials.REQUIRE,
        bool(key, value, "internal", false), timeout(key, value.get("proxyTimeout")), maxRequestBytes(key, value.get("maxRequestBytes")));
  }

  /** {@code /pagerduty}: a leading slash added when missing, as Backstage's examples write {@code simple-example}; no trailing slash. */
  private static String route(String key) {
    String route = key.startsWith("/") ? key : "/" + key;
    while (route.length() > 1 && route.endsWith("/")) {
      route = route.substring(0, route.length() - 1);
    }
    if (!ROUTE.matcher(route).matches() || route.contains("/./") || route.contains("/../") || route.endsWith("/..")
        || route.endsWith("/.") || route.equals("/healthcheck") || route.startsWith("/healthcheck/")) {
      throw new IllegalArgumentException("Proxy route '" + key + "' must be one or more path segments (letters, digits, '-', '.', '_'),"
          + " not '.' or '..', and not /healthcheck");
    }
    return route;
  }

  private static URI target(String key, String value) {
    URI target;
    try {
      target = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Proxy target is not a valid URL: " + value);
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
      throw new IllegalArgumentException("Proxy target for route '" + key + "' must be an http or https URL with a host: " + value);
    }
    if (target.getRawUserInfo() != null || target.getRawQuery() != null || target.getRawFragment() != null) {
      throw new IllegalArgumentException("Proxy target for route '" + key
          + "' may not carry credentials, a query or a fragment; put credentials in headers");
    }
    if (NUMERIC_HOST.matcher(target.getHost()).matches() && !CANONICAL_IPV4.matcher(target.getHost()).matches()) {
      // 0177.0.0.1 is 127.0.0.1 to curl and 177.0.0.1 to Java: write the address plainly.
      throw new IllegalArgumentException("Proxy target for route '" + key + "' has the ambiguous IP address '" + target.getHost()
          + "'; write it as four decimal parts without leading zeros");
    }
    if (TargetAddresses.isMetadataServerName(target.getHost())) {
      throw new IllegalArgumentException("Proxy target for route '" + key + "' is the metadata server, which is always refused");
    }
    return target;
  }

  private static Map<String, String> headers(String key, JsonNode node) {
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("Proxy route '" + key + "': headers must be an object of header names to values");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (var field : node.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (!ForwardedHeaders.isToken(name) || ForwardedHeaders.isHopByHop(name) || name.equalsIgnoreCase("host")
          || name.equalsIgnoreCase("content-length")) {
        throw new IllegalArgumentException("Proxy route '" + key + "': '" + name + "' cannot be set by headers");
      }
      if (!value.isValueNode() || value.isNull() || value.asText().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        // The value is not quoted: it may be a secret.
        throw new IllegalArgumentException("Proxy route '" + key + "': the value of header '" + name + "' must be one line of text");
      }
      headers.put(name, value.asText());
    }
    return Map.copyOf(headers);
  }

  private static List<PathRewrite> rewrites(String key, JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("Proxy route '" + key + "': pathRewrite must be an object of regular expressions to replacements");
    }
    List<PathRewrite> rules = new ArrayList<>();
    for (var field : node.properties()) {
      try {
        rules.add(new PathRewrite(Pattern.compile(field.getKey()), field.getValue().asText()));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("Proxy route '" + key + "': pathRewrite '" + field.getKey() + "' is not a regular expression");
      }
    }
    return List.copyOf(rules);
  }

  private static Set<String> methods(String key, JsonNode node) {
    if (node == null) {
      return METHODS;
    }
    Set<String> methods = new LinkedHashSet<>();
    for (String method : strings(key, "allowedMethods", node)) {
      // HEAD and OPTIONS pass neither the gateway nor the router: listing them serves nothing more.
      if (METHODS.contains(method.toUpperCase(Locale.ROOT))) {
        methods.add(method.toUpperCase(Locale.ROOT));
      }
    }
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("Proxy route '" + key + "': allowedMethods names none of " + new TreeSet<>(METHODS));
    }
    return Set.copyOf(methods);
  }

  private static Set<String> allowedHeaders(String key, JsonNode node) {
    if (node == null) {
      return Set.of();
    }
    Set<String> names = new TreeSet<>();
    for (String name : strings(key, "allowedHeaders", node)) {
      names.add(name.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(names);
  }

  private static List<String> strings(String key, String setting, JsonNode node) {
    if (!node.isArray()) {
      throw new IllegalArgumentException("Proxy route '" + key + "': " + setting + " must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    node.forEach(item -> {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new IllegalArgumentException("Proxy route '" + key + "': " + setting + " must be a list of strings");
      }
      values.add(item.asText().trim());
    });
    return values;
  }

  private static boolean bool(String key, JsonNode node, String setting, boolean otherwise) {
    JsonNode value = node.get(setting);
    if (value == null) {
      return otherwise;
    }
    if (value.isBoolean() || value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return value.asBoolean();
    }
    throw new IllegalArgumentException("Proxy route '" + key + "': " + setting + " must be true or false");
  }

  /** {@code proxyTimeout}: milliseconds, as http-proxy-middleware has it, or {@code 500ms}, {@code 30s}, {@code 2m}. */
  private static Duration timeout(String key, JsonNode node) {
    if (node == null) {
      return DEFAULT_TIMEOUT;
    }
    Duration timeout = null;
    if (node.canConvertToLong() && node.isIntegralNumber() || node.isTextual() && node.asText().matches("\\d+")) {
      timeout = Duration.ofMillis(node.asLong());
    } else if (node.isTextual()) {
      var matcher = DURATION.matcher(node.asText().trim());
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        timeout = switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          default -> Duration.ofMinutes(amount);
        };
      }
    }
    if (timeout == null || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(60)) > 0) {
      throw new IllegalArgumentException("Proxy route '" + key + "': proxyTimeout must be milliseconds or 500ms, 30s, 2m, up to an hour");
    }
    return timeout;
  }

  private static long maxRequestBytes(String key, JsonNode node) {
    if (node == null) {
      return DEFAULT_MAX_REQUEST_BYTES;
    }
    long bytes = node.isIntegralNumber() || node.isTextual() && node.asText().matches("\\d{1,18}") ? node.asLong() : -1;
    if (bytes < 0) {
      throw new IllegalArgumentException("Proxy route '" + key + "': maxRequestBytes must be a number of bytes");
    }
    return bytes;
  }
}
