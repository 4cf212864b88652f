package dev.backlot.integration.github;

import dev.backlot.platform.config.Config;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How Backlot authenticates to GitHub, from {@code integrations.github} parsed once: the one
 * place every plugin asks for the {@code Authorization} header of a call about an owner's
 * repositories. With GitHub Apps configured for the host, an installation token of the first app
 * installed for the owner; else the host's {@code token}; else none (anonymous, github.com only
 * makes sense then).
 */
public final class GitHubCredentials {
  private final Map<String, GitHubIntegration> integrations = new LinkedHashMap<>();
  private final Map<String, List<AppInstallationTokens>> apps = new LinkedHashMap<>();

  public static GitHubCredentials fromConfig(Config config) {
    return fromConfig(config, Clock.systemUTC());
  }

  /** With {@code clock} deciding when installation tokens expire. */
  public static GitHubCredentials fromConfig(Config config, Clock clock) {
    return new GitHubCredentials(GitHubIntegrations.fromConfig(config), clock);
  }

  private GitHubCredentials(List<GitHubIntegration> configured, Clock clock) {
    for (GitHubIntegration integration : configured) {
      integrations.putIfAbsent(integration.host(), integration);
      List<AppInstallationTokens> hostApps = new ArrayList<>();
      for (GitHubApp app : integration.apps()) {
        hostApps.add(new AppInstallationTokens(integration.apiBaseUrl(), app, clock));
      }
      apps.putIfAbsent(integration.host(), List.copyOf(hostApps));
    }
  }

  /** The configured host (github.com always is one), by web host, case-insensitively. */
  public Optional<GitHubIntegration> integration(String host) {
    return Optional.ofNullable(integrations.get(host.toLowerCase(Locale.ROOT)));
  }

  /**
   * The {@code Authorization} header value for calls to {@code host}'s API about {@code owner}'s
   * repositories or organisation, or empty for an anonymous call. Fails when the host is not
   * configured, or when its apps are installed nowhere covering {@code owner} and no token
   * stands in.
   */
  public Optional<String> authorizationFor(String host, String owner) throws IOException {
    GitHubIntegration integration = integration(host)
        .orElseThrow(() -> new IOException("no integrations.github entry for " + host));
    List<AppInstallationTokens> hostApps = apps.get(integration.host());
    for (AppInstallationTokens app : hostApps) {
      Optional<String> token = app.tokenFor(owner);
      if (token.isPresent()) {
        return Optional.of("Bearer " + token.get());
      }
    }
    if (integration.token().isPresent()) {
      return Optional.of("Bearer " + integration.token().get());
    }
    if (!hostApps.isEmpty()) {
      throw new IOException("no installation of GitHub App(s) " + integration.apps().stream().map(GitHubApp::appId).toList()
          + " on " + integration.host() + " covers '" + owner + "' (install the app there, or check allowedInstallationOwners)");
    }
    return Optional.empty();
  }

  /**
   * GitHub answered 401 to {@code authorization} for a call about {@code owner}: an installation
   * token it was (revoked, or its installation suspended) is forgotten, so the next {@link
   * #authorizationFor} mints a new one instead of handing out the refused token until it expires.
   * A configured token stays: nothing here can renew it.
   */
  public void refused(String host, String owner, String authorization) {
    integration(host).ifPresent(integration -> apps.get(integration.host()).forEach(app -> app.forget(owner, authorization)));
  }

  /** A call to GitHub made with an {@code Authorization} header value, or none (anonymous). */
  @FunctionalInterface
  public interface Authorized<T> {
    T call(Optional<String> authorization) throws IOException;
  }

  /**
   * {@code call} with the credentials for {@code owner}'s repositories on {@code host}; when it
   * throws {@link TokenRefused}, an installation token is replaced and the call made once more (a
   * configured token cannot be: the refusal stands).
   */
  public <T> T withRenewal(String host, String owner, Authorized<T> call) throws IOException {
    Optional<String> authorization = authorizationFor(host, owner);
    try {
      return call.call(authorization);
    } catch (TokenRefused e) {
      refused(host, owner, authorization.orElseThrow());
      Optional<String> renewed = authorizationFor(host, owner);
      if (renewed.equals(authorization)) {
        throw e;
      }
      return call.call(renewed);
    }
  }
}
