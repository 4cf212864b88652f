package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The shell reads discovery.endpoints from the repository's own config layers as Cloud Run gives them to it. */
class DiscoverySettingsTest {
  @Configuration(proxyBeanMethods = false)
  @Import(CatalogConfiguration.class)
  @EnableConfigurationProperties(SignInSettings.class)
  static class CatalogOnly {}

  @Test
  void inGcpTheShellFindsTheCatalogAtItsOwnServiceUrl() {
    // The variables shell.tf sets (as properties: Spring resolves ${...} from either).
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CatalogOnly.class).web(WebApplicationType.NONE).run(
        "--BACKLOT_CONFIG_DIR=" + LocalFunctions.ROOT, "--BACKLOT_ENV=production",
        "--backend.base-url=https://gateway.example",
        "--BACKLOT_DISCOVERY_TARGET=https://backlot-{{pluginId}}-7.europe-west1.run.app/api/{{pluginId}}",
        "--BACKLOT_PLUGINS=api-docs,catalog,github")) {
      Discovery discovery = Discovery.fromConfig(Config.of(Map.of("backend", Map.of("baseUrl", "https://gateway.example"),
          "discovery", context.getBean(DiscoverySettings.class).asConfig())));
      assertEquals("https://backlot-catalog-7.europe-west1.run.app/api/catalog", discovery.getBaseUrl("catalog"));
      assertEquals("https://backlot-github-7.europe-west1.run.app/api/github", discovery.getBaseUrl("github"));
      context.getBean(IdentityResolution.class);
    }
  }

  @Test
  void aTargetGivenAsOneUrlServesBothSides() {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CatalogOnly.class).web(WebApplicationType.NONE).run(
        "--BACKLOT_CONFIG_DIR=" + Path.of("target"), "--discovery.endpoints[0].target=http://127.0.0.1:7007/api/{{pluginId}}",
        "--discovery.endpoints[0].plugins=catalog")) {
      DiscoverySettings.Endpoint endpoint = context.getBean(DiscoverySettings.class).endpoints().get(0);
      assertEquals(new DiscoverySettings.Target("http://127.0.0.1:7007/api/{{pluginId}}", "http://127.0.0.1:7007/api/{{pluginId}}"),
          endpoint.target());
    }
  }
}
