package dev.backlot.shell;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * The catalog as the shell asks it who someone is: found through discovery (locally the gateway,
 * in GCP the catalog's own Cloud Run URL), called as the shell itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoverySettings.class)
class CatalogConfiguration {
  /** {@code target: <url>} binds as one URL for both sides, as Backstage reads it. */
  @Bean
  @ConfigurationPropertiesBinding
  static Converter<String, DiscoverySettings.Target> discoveryTargetFromUrl() {
    return new DiscoverySettings.Target.FromUrl();
  }

  @Bean
  CatalogClient catalogClient(DiscoverySettings discovery, @Value("${backend.base-url:http://localhost:7007}") String baseUrl,
      @Value("${backend.auth.service-tokens.local.private-key:}") String localServiceKey) {
    // The local key signs the shell's calls where functions share one; without it, in GCP, the
    // shell presents its Google-signed identity, minted for the catalog's URL discovery names.
    Map<String, Object> serviceTokens = localServiceKey.isBlank()
        ? Map.of("google", Map.of())
        : Map.of("local", Map.of("privateKey", localServiceKey));
    Config config = Config.of(Map.of(
        "backend", Map.of("baseUrl", baseUrl, "auth", Map.of("serviceTokens", serviceTokens)),
        "discovery", discovery.asConfig()));
    return CatalogClient.create(Discovery.fromConfig(config), ServiceTokens.fromConfig(config, "shell"));
  }

  @Bean
  IdentityResolution identityResolution(CatalogClient catalog, SignInSettings signIn) {
    return new IdentityResolution(new CatalogUsers(catalog), signIn);
  }
}
