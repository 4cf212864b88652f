package dev.backlot.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns the SSO profile into a Backlot identity as the person signs in: the Okta user service
 * loads the profile, then the catalog says which User it is. Someone the catalog does not know
 * is refused with {@link #NOT_IN_CATALOG} (the sign-in problem page explains it) unless config
 * lets them in.
 */
final class SignInResolution implements OAuth2UserService<OidcUserRequest, OidcUser> {
  static final String NOT_IN_CATALOG = "user_not_in_catalog";
  static final String NO_EMAIL = "no_email_claim";
  static final String CATALOG_UNAVAILABLE = "catalog_unavailable";

  private final OAuth2UserService<OidcUserRequest, OidcUser> profiles;
  private final CatalogUsers catalog;
  private final SignInSettings settings;

  SignInResolution(OAuth2UserService<OidcUserRequest, OidcUser> profiles, CatalogUsers catalog, SignInSettings settings) {
    this.profiles = profiles;
    this.catalog = catalog;
    this.settings = settings;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser profile = profiles.loadUser(request);
    String email = profile.getEmail();
    if (email == null || email.isBlank()) {
      throw refused(NO_EMAIL, "The identity provider sent no email for " + profile.getSubject()
          + ", and Backlot finds people in the catalog by their email.");
    }
    Optional<ShellIdentity> found;
    try {
      found = catalog.find(settings.resolver(), email);
    } catch (IOException e) {
      throw refused(CATALOG_UNAVAILABLE, "The catalog could not be asked who " + email + " is: " + e.getMessage());
    }
    ShellIdentity identity = found.orElseGet(() -> {
      if (!settings.allowWithoutCatalogUser()) {
        throw refused(NOT_IN_CATALOG, email);
      }
      return withoutCatalogUser(email, profile.getClaimAsStringList(settings.groupsClaim()));
    });
    return new SignedInUser(profile, identity);
  }

  /** {@code user:default/<local part>} owning through the groups the provider lists. */
  static ShellIdentity withoutCatalogUser(String email, List<String> groups) {
    String ref = "user:default/" + email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
    List<String> ownership = new ArrayList<>(List.of(ref));
    if (groups != null) {
      groups.forEach(group -> ownership.add("group:default/" + group.toLowerCase(Locale.ROOT)));
    }
    return new ShellIdentity(ref, ownership);
  }

  private static OAuth2AuthenticationException refused(String code, String description) {
    return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
  }
}
