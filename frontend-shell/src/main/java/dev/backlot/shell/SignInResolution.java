package dev.backlot.shell;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns the SSO profile into a Backlot identity as the person signs in: the Okta user service
 * loads the profile, then {@link IdentityResolution} says which catalog User it is. Someone it
 * refuses is sent to the sign-in problem page, which explains why.
 */
final class SignInResolution implements OAuth2UserService<OidcUserRequest, OidcUser> {
  private final OAuth2UserService<OidcUserRequest, OidcUser> profiles;
  private final IdentityResolution identities;

  SignInResolution(OAuth2UserService<OidcUserRequest, OidcUser> profiles, IdentityResolution identities) {
    this.profiles = profiles;
    this.identities = identities;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser profile = profiles.loadUser(request);
    try {
      return new SignedInUser(profile, identities.resolve(profile));
    } catch (IdentityResolution.Refusal refusal) {
      throw new OAuth2AuthenticationException(new OAuth2Error(refusal.code(), refusal.description(), null), refusal.description());
    }
  }
}
