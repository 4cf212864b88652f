package dev.backlot.shell;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The signed-in person: their SSO profile and the Backlot identity the catalog gave them. */
public final class SignedInUser extends DefaultOidcUser {
  private final ShellIdentity identity;

  SignedInUser(OidcUser profile, ShellIdentity identity) {
    super(profile.getAuthorities(), profile.getIdToken(), profile.getUserInfo(), "sub");
    this.identity = identity;
  }

  public ShellIdentity identity() {
    return identity;
  }
}
