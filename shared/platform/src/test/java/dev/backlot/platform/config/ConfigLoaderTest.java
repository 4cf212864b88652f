package dev.backlot.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>();

  private void write(String name, String yaml) throws IOException {
    Files.writeString(dir.resolve(name), yaml);
  }

  private Config load(String envName) {
    return ConfigLoader.fromEnvironment().directory(dir).env(envName).environment(env::get).load();
  }

  @Test
  void laterLayersMergeMappingsAndReplaceArrays() throws IOException {
    write("app-config.yaml", """
        backend:
          baseUrl: http://localhost:7007
          database: {client: better-sqlite3}
        catalog:
          locations:
            - {type: file, target: ./examples/all.yaml}
            - {type: file, target: ./examples/more.yaml}
        """);
    write("app-config.production.yaml", "backend:\n  database: {client: pg}\n");
    write("app-config.local.yaml", "catalog:\n  locations:\n    - {type: url, target: https://example.com/catalog-info.yaml}\n");

    Config config = load("production");
    assertEquals("pg", config.getString("backend.database.client"));
    assertEquals("http://localhost:7007", config.getString("backend.baseUrl"));
    List<Config> locations = config.getConfigList("catalog.locations");
    assertEquals(1, locations.size(), "a later layer's array replaces the earlier one");
    assertEquals("url", locations.get(0).getString("type"));
  }

  @Test
  void theEnvLayerComesFromBacklotEnvAndLocalIsSkippedInTests() throws IOException {
    write("app-config.yaml", "a: base\n");
    write("app-config.staging.yaml", "a: staging\n");
    write("app-config.local.yaml", "a: local\n");
    env.put("BACKLOT_ENV", "staging");
    assertEquals("local", ConfigLoader.fromEnvironment().directory(dir).environment(env::get).load().getString("a"));
    assertEquals("base", load("test").getString("a"));
  }

  @Test
  void variablesAreSubstitutedAsBackstageDoes() throws IOException {
    write("app-config.yaml", """
        whole: ${HOST}
        partial: http://${HOST}:${PORT}/x
        unset: ${NOPE}
        partlyUnset: http://${HOST}:${NOPE}
        escaped: $${HOST}
        list: [a, "${NOPE}", b]
        """);
    env.put("HOST", "db.internal");
    env.put("PORT", "5432");
    Config config = load("test");
    assertEquals("db.internal", config.getString("whole"));
    assertEquals("http://db.internal:5432/x", config.getString("partial"));
    assertFalse(config.has("unset"));
    assertFalse(config.has("partlyUnset"));
    assertEquals("${HOST}", config.getString("escaped"));
    assertEquals(List.of("a", "b"), config.getStringList("list"));
  }

  @Test
  void envFileAndIncludeDirectivesResolveRelativeToTheirFile() throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/cert.pem"), "CERT");
    Files.writeString(dir.resolve("conf/extra.yaml"), "enabled: true\nfile:\n  $file: cert.pem\n");
    write("app-config.yaml", """
        token:
          $env: GITHUB_TOKEN
        missing:
          $env: NOT_SET
        cert:
          $file: conf/cert.pem
        extra:
          $include: conf/extra.yaml
        """);
    env.put("GITHUB_TOKEN", "t0ken");
    Config config = load("test");
    assertEquals("t0ken", config.getString("token"));
    assertFalse(config.has("missing"));
    assertEquals("CERT", config.getString("cert"));
    assertTrue(config.getBoolean("extra.enabled"));
    assertEquals("CERT", config.getString("extra.file"));
  }

  @Test
  void typedAccessErrorsNameTheKeyAndFile() throws IOException {
    write("app-config.yaml", "backend:\n  listen:\n    port: seven\n  flag: yes-please\n  count: '42'\n");
    Config config = load("test");
    ConfigException missing = assertThrows(ConfigException.class, () -> config.getString("backend.database.client"));
    assertEquals("Missing required config value at 'backend.database.client'", missing.getMessage());
    ConfigException mistyped = assertThrows(ConfigException.class, () -> config.getInt("backend.listen.port"));
    assertEquals("Invalid type in config for key 'backend.listen.port' in 'app-config.yaml', got string, wanted number", mistyped.getMessage());
    assertThrows(ConfigException.class, () -> config.getBoolean("backend.flag"));
    assertEquals(42, config.getInt("backend.count"), "numeric strings are numbers, as in Backstage");
    ConfigException nested = assertThrows(ConfigException.class, () -> config.getConfig("backend").getInt("listen.port"));
    assertTrue(nested.getMessage().contains("'backend.listen.port'"), nested.getMessage());
  }

  @Test
  void aBackstageConfigSectionCarriesOverUnchanged() throws IOException {
    write("app-config.yaml", """
        backend:
          database:
            client: pg
            connection:
              host: ${POSTGRES_HOST}
              port: 5432
              user: backstage
              password: ${POSTGRES_PASSWORD}
          cache:
            store: redis
            connection: redis://127.0.0.1:6379
          reading:
            allow:
              - host: example.com
              - host: '*.internal.example.com:8080-8090'
                paths: [/catalog/]
          auth:
            externalAccess:
              - type: static
                options:
                  token: ${CI_TOKEN}
                  subject: ci-pipeline
                accessRestrictions:
                  - plugin: catalog
        catalog:
          rules:
            - allow: [Component, API, System, Group, User, Resource, Location, Domain, Template]
          locations:
            - type: file
              target: ../../examples/all.yaml
        integrations:
          github:
            - host: github.com
              token: ${GITHUB_TOKEN}
        auth:
          providers:
            okta:
              development:
                clientId: ${OKTA_CLIENT_ID}
                clientSecret: ${OKTA_CLIENT_SECRET}
                audience: https://acme.okta.com
        proxy:
          endpoints:
            /pagerduty:
              target: https://api.pagerduty.com
              headers:
                Authorization: Token token=${PAGERDUTY_TOKEN}
        """);
    env.putAll(Map.of("POSTGRES_HOST", "10.0.0.5", "POSTGRES_PASSWORD", "pw", "CI_TOKEN", "ci-secret",
        "GITHUB_TOKEN", "ghs", "OKTA_CLIENT_ID", "id", "OKTA_CLIENT_SECRET", "s", "PAGERDUTY_TOKEN", "pd"));
    Config config = load("test");
    assertEquals(5432, config.getInt("backend.database.connection.port"));
    assertEquals("10.0.0.5", config.getString("backend.database.connection.host"));
    assertEquals("redis", config.getString("backend.cache.store"));
    assertEquals(List.of("/catalog/"), config.getConfigList("backend.reading.allow").get(1).getStringList("paths"));
    Config access = config.getConfigList("backend.auth.externalAccess").get(0);
    assertEquals("ci-secret", access.getString("options.token"));
    assertEquals("catalog", access.getConfigList("accessRestrictions").get(0).getString("plugin"));
    assertEquals("../../examples/all.yaml", config.getConfigList("catalog.locations").get(0).getString("target"));
    assertEquals("ghs", config.getConfigList("integrations.github").get(0).getString("token"));
    assertEquals("https://acme.okta.com", config.getString("auth.providers.okta.development.audience"));
    assertEquals("Token token=pd", config.getConfig("proxy.endpoints").getConfig("/pagerduty").getString("headers.Authorization"));
  }

  @Test
  void yamlIsParsedSafely() throws IOException {
    StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      laughs.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
          .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
    }
    write("app-config.yaml", laughs.toString());
    assertThrows(ConfigException.class, () -> load("test"));

    write("app-config.yaml", "a: 1\nb: [unclosed\nc: 3\n");
    ConfigException broken = assertThrows(ConfigException.class, () -> load("test"));
    assertTrue(broken.getMessage().contains("app-config.yaml") && broken.getMessage().contains("line"), broken.getMessage());

    write("app-config.yaml", "a: !!java.io.File /etc/passwd\n");
    assertThrows(ConfigException.class, () -> load("test"));

    write("app-config.yaml", "a: 1\na: 2\n");
    assertThrows(ConfigException.class, () -> load("test"));
  }

  @Test
  void secretsResolveFromTheEnvironmentLocally() throws IOException {
    write("app-config.yaml", """
        github:
          webhookSecret:
            $secret: github-webhook-secret
        list:
          - $secret: {name: okta-client-secret, version: "3"}
        """);
    env.put("GITHUB_WEBHOOK_SECRET", "whsec");
    env.put("OKTA_CLIENT_SECRET", "okta");
    Config config = load("test");
    assertEquals("whsec", config.getString("github.webhookSecret"));
    assertEquals(List.of("okta"), config.getStringList("list"));

    env.remove("GITHUB_WEBHOOK_SECRET");
    ConfigException missing = assertThrows(ConfigException.class, () -> load("test"));
    assertTrue(missing.getMessage().contains("github.webhookSecret") && missing.getMessage().contains("GITHUB_WEBHOOK_SECRET"),
        missing.getMessage());
  }

  @Test
  void aPluginResolvesOnlyTheSecretsItsManifestNamesAndAsksForNoOther() throws IOException {
    // In GCP another plugin's secret is refused to this plugin's service account: asking would stop it at start-up.
    write("app-config.yaml", """
        github:
          webhookSecret:
            $secret: github-webhook-secret
        integrations:
          - $secret: github-app-private-key
          - plain
        """);
    List<String> asked = new java.util.ArrayList<>();
    Config config = ConfigLoader.fromEnvironment().directory(dir).env("test").environment(env::get)
        .secrets((name, version) -> {
          asked.add(name);
          return java.util.Optional.of("value-of-" + name);
        })
        .onlySecrets(List.of("github-app-private-key")).load();
    assertEquals(List.of("github-app-private-key"), asked);
    assertFalse(config.has("github.webhookSecret"), "a key on a secret the plugin may not read is left out");
    assertEquals(List.of("value-of-github-app-private-key", "plain"), config.getStringList("integrations"));
  }

  @Test
  void overriddenSecretsAreNeverFetched() throws IOException {
    write("app-config.yaml", "token:\n  $secret: only-in-base\n");
    write("app-config.development.yaml", "token: plain\n");
    assertEquals("plain", load("development").getString("token"));
  }

  @Test
  void aMissingBaseFileIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("test"));
    assertTrue(e.getMessage().startsWith("No app-config.yaml in "), e.getMessage());
  }

  @Test
  void explicitFilesReplaceTheDefaultLayers() throws IOException {
    write("one.yaml", "a: 1\nb: 1\n");
    write("two.yaml", "b: 2\n");
    env.put("BACKLOT_CONFIG", dir.resolve("one.yaml") + "," + dir.resolve("two.yaml"));
    Config config = ConfigLoader.fromEnvironment().environment(env::get).load();
    assertEquals(1, config.getInt("a"));
    assertEquals(2, config.getInt("b"));
  }

  @Test
  void aRecordingConfigReportsEveryKeyReadWithItsFullPathPresentOrNot() {
    java.util.Set<String> reads = new java.util.TreeSet<>();
    Config config = Config.of(Map.of("catalog", Map.of("github", Map.of("maxAttempts", 3),
        "locations", List.of(Map.of("type", "file", "target", "a.yaml"))))).recordingReads(reads::add);

    Config github = config.getConfig("catalog.github");
    assertEquals(3, github.getInt("maxAttempts"));
    github.getOptionalLong("backoffMillis");
    config.getConfigList("catalog.locations").forEach(location -> location.getString("type"));
    config.has("catalog.rules");

    assertEquals(java.util.Set.of("catalog.github", "catalog.github.maxAttempts", "catalog.github.backoffMillis",
        "catalog.locations", "catalog.locations[0].type", "catalog.rules"), reads);
  }
}
