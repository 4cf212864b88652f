package dev.backlot.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * The OIDC client registrations from {@code spring.security.oauth2.client.*}, as Spring Boot maps
 * them, except that an {@code issuer-uri} is not fetched a second time: the Okta starter has
 * already read the issuer's discovery document while the environment was prepared and turned it
 * into explicit endpoints, so Spring Boot's own fetch only added a TLS handshake and a round trip
 * to Okta to every cold start. The issuer stays on the registration (ID tokens are still checked
 * against it) and the end-session endpoint, the one thing discovery gave that no property names,
 * comes from {@code backlot.shell.end-session-uri}.
 */
final class StaticClientRegistrations {
  private StaticClientRegistrations() {}

  static InMemoryClientRegistrationRepository from(OAuth2ClientProperties properties, String endSessionUri) {
    Map<String, String> issuers = new java.util.HashMap<>();
    OAuth2ClientProperties withoutDiscovery = new OAuth2ClientProperties();
    withoutDiscovery.getRegistration().putAll(properties.getRegistration());
    properties.getProvider().forEach((id, provider) -> {
      if (provider.getIssuerUri() != null) {
        issuers.put(id, provider.getIssuerUri());
      }
      withoutDiscovery.getProvider().put(id, copyWithoutIssuer(provider));
    });
    List<ClientRegistration> registrations = new ArrayList<>();
    new OAuth2ClientPropertiesMapper(withoutDiscovery).asClientRegistrations().forEach((id, registration) -> {
      String provider = properties.getRegistration().get(id).getProvider();
      String issuer = issuers.get(provider == null ? id : provider);
      ClientRegistration.Builder builder = ClientRegistration.withClientRegistration(registration);
      if (issuer != null) {
        builder.issuerUri(issuer);
      }
      if (endSessionUri != null && !endSessionUri.isBlank()) {
        builder.providerConfigurationMetadata(Map.of("end_session_endpoint", endSessionUri));
      }
      registrations.add(builder.build());
    });
    return new InMemoryClientRegistrationRepository(registrations);
  }

  private static OAuth2ClientProperties.Provider copyWithoutIssuer(OAuth2ClientProperties.Provider provider) {
    OAuth2ClientProperties.Provider copy = new OAuth2ClientProperties.Provider();
    copy.setAuthorizationUri(provider.getAuthorizationUri());
    copy.setTokenUri(provider.getTokenUri());
    copy.setUserInfoUri(provider.getUserInfoUri());
    copy.setUserInfoAuthenticationMethod(provider.getUserInfoAuthenticationMethod());
    copy.setUserNameAttribute(provider.getUserNameAttribute());
    copy.setJwkSetUri(provider.getJwkSetUri());
    return copy;
  }
}
