package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import java.util.Optional;

/**
 * Credentials for this plugin's own calls to other plugins. In GCP ({@code
 * backend.auth.serviceTokens.google} is configured) a Google-signed ID token of the function's
 * service account, whose audience is the target's URL; elsewhere a token signed with the shared
 * {@code backend.auth.serviceTokens.local.privateKey}, whose audience is the target's plugin id.
 */
public final class ServiceTokens {
  private final String pluginId;
  private final GoogleMetadataTokens google;
  private final Config googleConfig;
  private final LocalServiceKey local;

  private ServiceTokens(String pluginId, GoogleMetadataTokens google, Config googleConfig, LocalServiceKey local) {
    this.pluginId = pluginId;
    this.google = google;
    this.googleConfig = googleConfig;
    this.local = local;
  }

  public static ServiceTokens fromConfig(Config config, String pluginId) {
    Config auth = config.getOptionalConfig("backend.auth").orElse(Config.empty());
    Optional<Config> googleConfig = auth.getOptionalConfig("serviceTokens.google");
    GoogleMetadataTokens google = googleConfig
        .map(g -> new GoogleMetadataTokens(g.getOptionalString("metadataUrl").orElse(GoogleMetadataTokens.METADATA)))
        .orElse(null);
    return new ServiceTokens(pluginId, google, googleConfig.orElse(null), TrustedIssuers.localServiceKey(auth).orElse(null));
  }

  /** The {@code Authorization} header value for a call to {@code audience}. */
  public String authorizationFor(String audience) {
    return "Bearer " + tokenFor(audience);
  }

  public String tokenFor(String audience) {
    if (google != null) {
      return google.tokenFor(GoogleAudiences.of(googleConfig, audience));
    }
    return Optional.ofNullable(local).map(key -> key.mint(pluginId, audience)).orElseThrow(() -> new IllegalStateException(
        "no service credentials: configure backend.auth.serviceTokens.local.privateKey or backend.auth.serviceTokens.google"));
  }
}
