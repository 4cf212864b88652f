package dev.backlot.proxy.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Backstage's proxy config read as Backstage reads it, and the mistakes that stop the start-up. */
class ProxyEndpointsTest {
  private static List<ProxyEndpoint> read(Map<String, ?> proxy) {
    return ProxyEndpoints.fromConfig(Config.of(Map.of("proxy", proxy)));
  }

  private static ProxyEndpoint only(Object endpoint) {
    return read(Map.of("endpoints", Map.of("/x", endpoint))).getFirst();
  }

  @Test
  void theShortFormIsATargetWithEveryDefault() {
    ProxyEndpoint endpoint = read(Map.of("endpoints", Map.of("simple-example", "http://simple.example.com:8080"))).getFirst();
    assertEquals("/simple-example", endpoint.route(), "a leading slash is added, as Backstage's example omits it");
    assertEquals(URI.create("http://simple.example.com:8080"), endpoint.target());
    assertEquals(Credentials.REQUIRE, endpoint.credentials());
    assertTrue(endpoint.changeOrigin());
    assertFalse(endpoint.internal());
    assertEquals(ProxyEndpoints.METHODS, endpoint.allowedMethods());
    assertEquals(ProxyEndpoints.DEFAULT_TIMEOUT, endpoint.timeout());
    assertEquals(ProxyEndpoints.DEFAULT_MAX_REQUEST_BYTES, endpoint.maxRequestBytes());
  }

  @Test
  void everyKeyOfTheObjectFormIsRead() {
    ProxyEndpoint endpoint = read(Map.of("endpoints", Map.of("/larger-example/v1/", Map.of(
        "target", "https://larger.example.com:8443/svc.v1", "headers", Map.of("Authorization", "Bearer t"),
        "changeOrigin", false, "pathRewrite", Map.of("^/api/proxy/larger-example/v1/", "/"), "allowedMethods", List.of("get", "HEAD"),
        "allowedHeaders", List.of("X-Api-Key"), "credentials", "forward", "internal", true, "proxyTimeout", "2m",
        "maxRequestBytes", 1024)))).getFirst();
    assertEquals("/larger-example/v1", endpoint.route());
    assertEquals("/svc.v1/", endpoint.basePath());
    assertEquals(Map.of("Authorization", "Bearer t"), endpoint.headers());
    assertFalse(endpoint.changeOrigin());
    assertEquals("/things", endpoint.rewrite("/api/proxy/larger-example/v1/things"));
    assertEquals(Set.of("GET"), endpoint.allowedMethods(), "HEAD passes neither gateway nor router");
    assertEquals(Set.of("x-api-key"), endpoint.allowedHeaders());
    assertEquals(Credentials.FORWARD, endpoint.credentials());
    assertTrue(endpoint.internal());
    assertEquals(120, endpoint.timeout().toSeconds());
    assertEquals(1024, endpoint.maxRequestBytes());
    assertEquals(1500, only(Map.of("target", "https://a.example", "proxyTimeout", 1500)).timeout().toMillis(), "milliseconds, as http-proxy-middleware");
  }

  @Test
  void theDeprecatedRoutesUnderProxyAreReadOnlyWithoutEndpoints() {
    List<ProxyEndpoint> legacy = read(Map.of("/old", "https://old.example", "skipInvalidProxies", false));
    assertEquals(List.of("/old"), legacy.stream().map(ProxyEndpoint::route).toList());
    List<ProxyEndpoint> current = read(Map.of("/old", "https://old.example", "endpoints", Map.of("/new", "https://new.example")));
    assertEquals(List.of("/new"), current.stream().map(ProxyEndpoint::route).toList());
  }

  @Test
  void anInvalidEndpointIsSkippedOnlyWhenSkipInvalidProxiesIsSet() {
    Map<String, Object> endpoints = Map.of("/good", "https://good.example", "/bad", "not a url");
    assertThrows(ConfigException.class, () -> read(Map.of("endpoints", endpoints)));
    assertEquals(List.of("/good"), read(Map.of("endpoints", endpoints, "skipInvalidProxies", true)).stream().map(ProxyEndpoint::route).toList());
  }

  /** An operator's mistakes, and copies of configs meant for other proxies, stop the start-up with a message that says why. */
  @ParameterizedTest
  @ValueSource(strings = {"ftp://files.example", "https://user:pass@api.example", "https://api.example?key=1", "/relative",
      "http://metadata.google.internal/computeMetadata", "http://METADATA.GOOGLE.INTERNAL./", "http://metadata/",
      "http://0177.0.0.1/", "http://2130706433/", "http://0x7f.0.0.1/", "http://127.000.000.001/", "http://017700000001/"})
  void targetsThatAreNoPlainHttpUrlOrAreAmbiguousAreRefused(String target) {
    assertThrows(ConfigException.class, () -> read(Map.of("endpoints", Map.of("/x", target))), target);
  }

  @Test
  void unknownKeysBadValuesAndUnsafeHeadersAreRefused() {
    for (Map<String, Object> endpoint : List.<Map<String, Object>>of(
        Map.of("target", "https://a.example", "secure", false),
        Map.of("target", "https://a.example", "credentials", "sometimes"),
        Map.of("target", "https://a.example", "allowedMethods", List.of("OPTIONS")),
        Map.of("target", "https://a.example", "headers", Map.of("Transfer-Encoding", "chunked")),
        Map.of("target", "https://a.example", "headers", Map.of("Host", "other.example")),
        Map.of("target", "https://a.example", "headers", Map.of("X-Key", "a\r\nX-Injected: 1")),
        Map.of("target", "https://a.example", "pathRewrite", Map.of("([", "/")),
        Map.of("target", "https://a.example", "proxyTimeout", "forever"),
        Map.of("target", "https://a.example", "maxRequestBytes", -1),
        Map.of("target", 42))) {
      assertThrows(ConfigException.class, () -> only(endpoint), endpoint::toString);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/healthcheck", "/a/../b", "/a/./b", "/a:b", "/a*", "/a//b"})
  void routesThatClashWithTheRouterOrEscapeAreRefused(String route) {
    assertThrows(ConfigException.class, () -> read(Map.of("endpoints", Map.of(route, "https://a.example"))), route);
  }

  @Test
  void aHeaderValueThatIsRefusedIsNotQuotedInTheError() {
    ConfigException error = assertThrows(ConfigException.class,
        () -> only(Map.of("target", "https://a.example", "headers", Map.of("X-Key", "s3cret\nmore"))));
    assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
  }
}
