package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import java.net.URI;
import java.util.Optional;

/**
 * Credentials for this plugin's own calls to other plugins. In GCP ({@code
 * backend.auth.serviceTokens.google} is configured) a Google-signed ID token of the function's
 * service account, whose audience is the origin of the target's internal base URL as {@link
 * Discovery} names it (Cloud Run's audience for its run.app URL); elsewhere a token signed with
 * the shared {@code backend.auth.serviceTokens.local.privateKey}, whose audience is the target's
 * plugin id.
 */
public final class ServiceTokens {
  private final String pluginId;
  private final GoogleMetadataTokens google;
  private final LocalServiceKey local;
  private final Discovery discovery;
  private final ReusedTokens reused = new ReusedTokens(java.time.Clock.systemUTC());

  private ServiceTokens(String pluginId, GoogleMetadataTokens google, LocalServiceKey local, Discovery discovery) {
    this.pluginId = pluginId;
    this.google = google;
    this.local = local;
    this.discovery = discovery;
  }

  /** Finds other plugins through the {@link Discovery} {@code config} describes. */
  public static ServiceTokens fromConfig(Config config, String pluginId) {
    return fromConfig(config, pluginId, Discovery.fromConfig(config));
  }

  public static ServiceTokens fromConfig(Config config, String pluginId, Discovery discovery) {
    Config auth = config.getOptionalConfig("backend.auth").orElse(Config.empty());
    GoogleMetadataTokens google = auth.getOptionalConfig("serviceTokens.google")
        .map(g -> new GoogleMetadataTokens(g.getOptionalString("metadataUrl").orElse(GoogleMetadataTokens.METADATA)))
        .orElse(null);
    return new ServiceTokens(pluginId, google, TrustedIssuers.localServiceKey(auth).orElse(null), discovery);
  }

  /** The {@code Authorization} header value for a call to plugin {@code targetPluginId}. */
  public String authorizationFor(String targetPluginId) {
    return "Bearer " + tokenFor(targetPluginId);
  }

  public String tokenFor(String targetPluginId) {
    if (google != null) {
      return reused.tokenFor(origin(discovery.getBaseUrl(targetPluginId)), google::tokenFor);
    }
    LocalServiceKey key = Optional.ofNullable(local).orElseThrow(() -> new IllegalStateException(
        "no service credentials: configure backend.auth.serviceTokens.local.privateKey or backend.auth.serviceTokens.google"));
    return reused.tokenFor(targetPluginId, audience -> key.mint(pluginId, audience));
  }

  /** {@code https://backlot-catalog-7.europe-west1.run.app} of {@code https://backlot-catalog-7.europe-west1.run.app/api/catalog}. */
  static String origin(String baseUrl) {
    URI uri = URI.create(baseUrl);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
