package dev.backlot.catalog.ingestion.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.backlot.platform.cache.RedisCache;
import dev.backlot.platform.config.Config;
import dev.backlot.testing.TestRedis;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Two catalog instances (two readers, two Redis clients) sharing ETags through the real Redis. */
class SharedEtagCacheTest {
  private static final String FILE = "https://github.com/acme/payments/blob/main/catalog-info.yaml";
  private static final String CONTENTS = "/repos/acme/payments/contents/catalog-info.yaml?ref=main";
  private static final String YAML = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: payments}\n";

  @RegisterExtension
  final WireMockExtension github = WireMockExtension.newInstance().options(options().dynamicPort()).build();
  /** A plugin id of its own, so runs never see each other's entries. */
  private final String plugin = "catalog-test-" + UUID.randomUUID();

  private Config config(Map<String, Object> catalogGithub) {
    return Config.of(Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", "ghp_x"))),
        "catalog", Map.of("github", catalogGithub)));
  }

  private GitHubUrlReader instance(RedisCache cache, Config config) {
    return new GitHubUrlReader(config, cache, Clock.systemUTC(), duration -> {});
  }

  @Test
  void aFileOneInstanceReadIsA304ForAnother() throws IOException {
    String redis = TestRedis.url();
    github.stubFor(get(urlEqualTo(CONTENTS)).withHeader("If-None-Match", absent()).willReturn(GitHubApi.rawFile(YAML, "\"e1\"")));
    github.stubFor(get(urlEqualTo(CONTENTS)).withHeader("If-None-Match", equalTo("\"e1\"")).willReturn(GitHubApi.notModified("\"e1\"")));
    try (RedisCache first = new RedisCache(redis, plugin, Duration.ofMinutes(10));
        RedisCache second = new RedisCache(redis, plugin, Duration.ofMinutes(10))) {
      assertEquals(YAML, instance(first, config(Map.of())).read("url", FILE));
      assertEquals(YAML, instance(second, config(Map.of())).read("url", FILE), "the other instance's 304 answers with the shared text");
      github.verify(1, getRequestedFor(urlEqualTo(CONTENTS)).withHeader("If-None-Match", absent()));
      github.verify(1, getRequestedFor(urlEqualTo(CONTENTS)).withHeader("If-None-Match", equalTo("\"e1\"")));
      try (RedisClient client = RedisClient.create(redis)) {
        long ttl = client.pttl("backlot:" + plugin + ":github-etag:" + github.baseUrl() + CONTENTS);
        assertTrue(ttl > 0 && ttl <= 86_400_000L, "entries expire, after a day by default: " + ttl);
      }
    }
  }

  @Test
  void aFileLargerThanTheCapIsNotKept() throws IOException {
    String redis = TestRedis.url();
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.rawFile(YAML, "\"e2\"")));
    try (RedisCache first = new RedisCache(redis, plugin, Duration.ofMinutes(10));
        RedisCache second = new RedisCache(redis, plugin, Duration.ofMinutes(10))) {
      Config small = config(Map.of("etagCacheMaxBytes", 16));
      assertEquals(YAML, instance(first, small).read("url", FILE));
      assertEquals(YAML, instance(second, small).read("url", FILE));
      github.verify(2, getRequestedFor(urlEqualTo(CONTENTS)).withHeader("If-None-Match", absent()));
    }
  }
}
