package dev.backlot.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.config.ConfigLoader;
import dev.backlot.testing.TlsRedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache against a real redis-server that, like Memorystore with AUTH and in-transit encryption
 * (terraform/modules/platform/cache.tf), speaks TLS only and requires a password. What a plugin
 * caches there (GitHub file text the catalog reads as entities) must be neither readable nor
 * writable by whoever else reaches the network, and the server must prove it is the instance.
 */
class RedisTlsTest {
  private static final String PASSWORD = "auth-" + UUID.randomUUID();
  private static TlsRedisServer redis;

  @BeforeAll
  static void start() throws Exception {
    redis = TlsRedisServer.start(PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  /** The cache as Caches.open makes it from Backstage's backend.cache config. */
  private static Cache open(String connection, String ca, String plugin) {
    return Caches.open(Config.of(Map.of("store", "redis", "connection", connection,
        "redis", Map.of("client", Map.of("socket", Map.of("ca", ca))))), plugin);
  }

  private static String plugin() {
    return "catalog-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void withThePasswordAndTheInstancesCaTheCacheWorks() {
    Cache cache = open(redis.urlWithPassword(), redis.caCertificate(), plugin());
    cache.set("github:acme/payments/catalog-info.yaml", "kind: Component");
    assertEquals(Optional.of("kind: Component"), cache.get("github:acme/payments/catalog-info.yaml"));
  }

  @Test
  void withoutThePasswordNothingIsReadOrWritten() {
    // Someone else on the network, who has the CA (it is public) but not the AUTH string.
    String plugin = plugin();
    Cache portal = open(redis.urlWithPassword(), redis.caCertificate(), plugin);
    Cache intruder = open(redis.urlWithoutPassword(), redis.caCertificate(), plugin);
    portal.set("catalog-info.yaml", "kind: Component");

    intruder.set("catalog-info.yaml", "kind: Component\nspec: {owner: intruder}");

    assertEquals(Optional.empty(), intruder.get("catalog-info.yaml"), "read without the password");
    assertEquals(Optional.of("kind: Component"), portal.get("catalog-info.yaml"), "written without the password");
  }

  @Test
  void aServerThatTheConfiguredCaDidNotCertifyIsNotTalkedTo() {
    // As a server in the middle would be: its certificate is not the instance's.
    String plugin = plugin();
    Cache trusting = open(redis.urlWithPassword(), redis.otherCaCertificate(), plugin);
    trusting.set("catalog-info.yaml", "kind: Component");
    assertEquals(Optional.empty(), trusting.get("catalog-info.yaml"));
    assertEquals(Optional.empty(), open(redis.urlWithPassword(), redis.caCertificate(), plugin).get("catalog-info.yaml"),
        "nothing reached the server");
  }

  @Test
  void theProductionConfigReachesTheCacheWithTheEnvironmentTerraformGives(@TempDir Path dir) throws Exception {
    // app-config.production.yaml's backend.cache, with plugins.tf's variables (the password a secret reference there).
    Files.writeString(dir.resolve("app-config.yaml"), "backend:\n  cache:\n" + productionCacheSection());
    Map<String, String> env = Map.of("BACKLOT_CACHE_STORE", "redis", "BACKLOT_REDIS_PASSWORD", PASSWORD,
        "BACKLOT_REDIS_ADDRESS", redis.address(), "BACKLOT_REDIS_CA_CERTIFICATES", redis.caCertificate());
    Config cacheConfig = ConfigLoader.fromEnvironment().directory(dir).env("test").environment(env::get).load().getConfig("backend.cache");

    Cache cache = Caches.open(cacheConfig, plugin());
    cache.set("catalog-info.yaml", "kind: Component");
    assertEquals(Optional.of("kind: Component"), cache.get("catalog-info.yaml"));

    // Without Redis, Terraform sets only the store: the connection is absent, the cache in memory.
    Config memory = ConfigLoader.fromEnvironment().directory(dir).env("test").environment(Map.of("BACKLOT_CACHE_STORE", "memory")::get)
        .load().getConfig("backend.cache");
    assertTrue(Caches.open(memory, plugin()) instanceof MemoryCache);
  }

  /** The lines of backend.cache in the repository's app-config.production.yaml. */
  private static String productionCacheSection() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(dir.resolve("app-config.production.yaml"))) {
      dir = dir.getParent();
    }
    List<String> lines = Files.readAllLines(dir.resolve("app-config.production.yaml"));
    int start = lines.indexOf("  cache:");
    StringBuilder section = new StringBuilder();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (!line.startsWith("    ")) {
        break;
      }
      section.append(line).append('\n');
    }
    return section.toString();
  }

  @Test
  void aCaCertificateWithoutTlsIsAConfigError() {
    // Else a connection meant to be TLS (the CA says so) would quietly go in plain text.
    ConfigException e = assertThrows(ConfigException.class,
        () -> open(redis.urlWithPassword().replace("rediss://", "redis://"), redis.caCertificate(), plugin()));
    assertTrue(e.getMessage().contains("rediss://"), e.getMessage());
  }

  @Test
  void aCaCertificateThatIsNoPemIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> open(redis.urlWithPassword(), "not a certificate", plugin()));
    assertTrue(e.getMessage().contains("backend.cache.redis.client.socket.ca"), e.getMessage());
  }
}
