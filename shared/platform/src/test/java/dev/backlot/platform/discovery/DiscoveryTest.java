package dev.backlot.platform.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private static Discovery discovery(Map<String, ?> config) {
    return Discovery.fromConfig(Config.of(config));
  }

  private static Map<String, Object> endpoints(Object... endpoints) {
    return Map.of("backend", Map.of("baseUrl", "http://localhost:7007/"), "discovery", Map.of("endpoints", List.of(endpoints)));
  }

  @Test
  void withoutEndpointsEveryPluginIsUnderTheBackendBaseUrl() {
    Discovery discovery = discovery(Map.of("backend", Map.of("baseUrl", "http://localhost:7007/")));
    assertEquals("http://localhost:7007/api/catalog", discovery.getBaseUrl("catalog"));
    assertEquals("http://localhost:7007/api/api-docs", discovery.getExternalBaseUrl("api-docs"));
  }

  @Test
  void aTargetServesItsPluginsBothWaysWithThePluginIdSubstitutedWithOrWithoutSpaces() {
    Discovery discovery = discovery(endpoints(
        Map.of("target", "https://internal.example/secure/api/{{pluginId}}", "plugins", List.of("catalog")),
        Map.of("target", "https://{{ pluginId }}.example/api/{{  pluginId}}", "plugins", List.of("api-docs"))));
    assertEquals("https://internal.example/secure/api/catalog", discovery.getBaseUrl("catalog"));
    assertEquals("https://internal.example/secure/api/catalog", discovery.getExternalBaseUrl("catalog"));
    assertEquals("https://api-docs.example/api/api-docs", discovery.getBaseUrl("api-docs"));
    assertEquals("http://localhost:7007/api/github", discovery.getBaseUrl("github"), "an unnamed plugin keeps the default");
  }

  @Test
  void internalAndExternalTargetsAreSeparateAndEitherMayBeLeftOut() {
    Discovery discovery = discovery(endpoints(
        Map.of("target", Map.of("internal", "https://backlot-{{pluginId}}-7.run.app/api/{{pluginId}}",
            "external", "https://backlot.acme.example/api/{{pluginId}}"), "plugins", List.of("catalog")),
        Map.of("target", Map.of("external", "https://docs.acme.example"), "plugins", List.of("api-docs"))));
    assertEquals("https://backlot-catalog-7.run.app/api/catalog", discovery.getBaseUrl("catalog"));
    assertEquals("https://backlot.acme.example/api/catalog", discovery.getExternalBaseUrl("catalog"));
    assertEquals("http://localhost:7007/api/api-docs", discovery.getBaseUrl("api-docs"));
    assertEquals("https://docs.acme.example", discovery.getExternalBaseUrl("api-docs"));
  }

  @Test
  void aNamedPluginWinsOverTheWildcardAndALaterEndpointOverAnEarlierOne() {
    Discovery discovery = discovery(endpoints(
        Map.of("target", "https://first.example/{{pluginId}}", "plugins", List.of("catalog")),
        Map.of("target", "https://every.example/{{pluginId}}", "plugins", List.of("*")),
        Map.of("target", "https://second.example/{{pluginId}}", "plugins", List.of("catalog"))));
    assertEquals("https://second.example/catalog", discovery.getBaseUrl("catalog"));
    assertEquals("https://every.example/search", discovery.getBaseUrl("search"));
  }

  @Test
  void thePluginListMayComeAsOneCommaSeparatedEnvironmentVariable() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("discovery");
    java.nio.file.Files.writeString(dir.resolve("app-config.yaml"), """
        backend:
          baseUrl: ${PUBLIC_URL}
        discovery:
          endpoints:
            - target:
                internal: ${INTERNAL_TARGET}
                external: ${PUBLIC_URL}/api/{{pluginId}}
              plugins: ${PLUGINS}
        """);
    Map<String, String> env = Map.of("PUBLIC_URL", "https://backlot.acme.example",
        "INTERNAL_TARGET", "https://backlot-{{pluginId}}-7.europe-west1.run.app/api/{{pluginId}}", "PLUGINS", "api-docs, catalog,github");
    Discovery discovery = Discovery.fromConfig(ConfigLoader.fromEnvironment().directory(dir).env("test").environment(env::get).load());
    for (String plugin : List.of("api-docs", "catalog", "github")) {
      assertEquals("https://backlot-" + plugin + "-7.europe-west1.run.app/api/" + plugin, discovery.getBaseUrl(plugin));
      assertEquals("https://backlot.acme.example/api/" + plugin, discovery.getExternalBaseUrl(plugin));
    }
  }

  @Test
  void inGcpTheProductionLayerSendsEachCallToThePluginsOwnServiceUrl() {
    // The repository's own app-config layers, with the environment Terraform gives a function.
    Path root = Path.of("").toAbsolutePath();
    while (!java.nio.file.Files.isRegularFile(root.resolve("app-config.production.yaml"))) {
      root = root.getParent();
    }
    Map<String, String> env = Map.of("BACKLOT_BACKEND_URL", "https://backlot.acme.example",
        "BACKLOT_DISCOVERY_TARGET", "https://backlot-{{pluginId}}-123.europe-west1.run.app/api/{{pluginId}}",
        "BACKLOT_PLUGINS", "api-docs,catalog,github");
    Config production = ConfigLoader.fromEnvironment().directory(root).env("production").environment(env::get)
        .secrets((secret, version) -> Optional.of("a secret")).load();
    Discovery discovery = Discovery.fromConfig(production);
    assertEquals("https://backlot-catalog-123.europe-west1.run.app/api/catalog", discovery.getBaseUrl("catalog"));
    assertEquals("https://backlot-api-docs-123.europe-west1.run.app/api/api-docs", discovery.getBaseUrl("api-docs"));
    assertEquals("https://backlot.acme.example/api/catalog", discovery.getExternalBaseUrl("catalog"));
  }

  @Test
  void malformedEndpointsFailAtStartUpNamingTheKey() {
    ConfigException noPlugins = assertThrows(ConfigException.class,
        () -> discovery(endpoints(Map.of("target", "https://x.example/{{pluginId}}"))));
    assertTrue(noPlugins.getMessage().contains("discovery.endpoints[0].plugins"), noPlugins.getMessage());
    ConfigException srv = assertThrows(ConfigException.class,
        () -> discovery(endpoints(Map.of("target", Map.of("internal", "http+srv://catalog.internal/api"), "plugins", List.of("catalog")))));
    assertTrue(srv.getMessage().contains("discovery.endpoints[0].target.internal"), srv.getMessage());
    ConfigException noTarget = assertThrows(ConfigException.class, () -> discovery(endpoints(Map.of("plugins", List.of("catalog")))));
    assertTrue(noTarget.getMessage().contains("discovery.endpoints[0].target"), noTarget.getMessage());
  }

  @Test
  void withoutABaseUrlOnlyTheNamedPluginsCanBeFoundAndTheOthersSayWhy() {
    Discovery discovery = discovery(Map.of("discovery", Map.of("endpoints", List.of(
        Map.of("target", "https://catalog.example/api/catalog", "plugins", List.of("catalog"))))));
    assertEquals("https://catalog.example/api/catalog", discovery.getBaseUrl("catalog"));
    ConfigException e = assertThrows(ConfigException.class, () -> discovery.getBaseUrl("github"));
    assertTrue(e.getMessage().contains("backend.baseUrl") && e.getMessage().contains("'github'"), e.getMessage());
  }
}
