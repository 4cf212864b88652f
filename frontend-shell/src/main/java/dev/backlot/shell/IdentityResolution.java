package dev.backlot.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who an SSO profile is in Backlot: the catalog User its verified email selects, with the groups
 * the catalog says it belongs to. Decided at sign-in and again each time the shell mints a user
 * token, so a change in the catalog (someone leaving a team) reaches the next token, not the
 * next sign-in up to 8 hours later.
 */
final class IdentityResolution {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityResolution.class);

  static final String NOT_IN_CATALOG = "user_not_in_catalog";
  static final String NO_EMAIL = "no_email_claim";
  static final String EMAIL_NOT_VERIFIED = "email_not_verified";
  static final String AMBIGUOUS_EMAIL = "ambiguous_email";
  static final String CATALOG_UNAVAILABLE = "catalog_unavailable";

  /** Why a profile gets no identity: a code the sign-in problem page knows, and what to tell the person. */
  static final class Refusal extends Exception {
    private final String code;
    private final String description;

    Refusal(String code, String message) {
      this(code, message, message);
    }

    private Refusal(String code, String message, String description) {
      super(message);
      this.code = code;
      this.description = description;
    }

    String code() {
      return code;
    }

    /** The OAuth2 error's description the sign-in problem page shows; for {@link #NOT_IN_CATALOG}, the email alone. */
    String description() {
      return description;
    }
  }

  private final CatalogUsers catalog;
  private final SignInSettings settings;

  IdentityResolution(CatalogUsers catalog, SignInSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  ShellIdentity resolve(OidcUser profile) throws Refusal {
    String email = profile.getEmail();
    if (email == null || email.isBlank()) {
      throw new Refusal(NO_EMAIL, "The identity provider sent no email for " + profile.getSubject()
          + ", and Backlot finds people in the catalog by their email.");
    }
    // Absent, the provider vouches for the address by sending it (Okta's ID tokens always carry it).
    if (Boolean.FALSE.equals(profile.getEmailVerified())) {
      throw new Refusal(EMAIL_NOT_VERIFIED, "The identity provider has not verified the email " + email
          + ", and Backlot finds people in the catalog by their email. Verify it with your identity provider, then sign in again.");
    }
    Optional<ShellIdentity> found;
    try {
      found = catalog.find(settings.resolver(), email);
    } catch (CatalogUsers.AmbiguousEmail e) {
      LOG.warn("sign-in refused: {}", e.getMessage());
      throw new Refusal(AMBIGUOUS_EMAIL, e.getMessage() + ". Backlot cannot tell which of them you are: ask your platform team "
          + "to give the email to one User only, then sign in again.");
    } catch (IOException | RuntimeException e) {
      throw new Refusal(CATALOG_UNAVAILABLE, "The catalog could not be asked who " + email + " is: " + e.getMessage());
    }
    if (found.isPresent()) {
      return found.get();
    }
    if (!settings.allowWithoutCatalogUser()) {
      throw new Refusal(NOT_IN_CATALOG, "The software catalog has no User entity for the email " + email, email);
    }
    return withoutCatalogUser(email, profile.getClaimAsStringList(settings.groupsClaim()));
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
}
