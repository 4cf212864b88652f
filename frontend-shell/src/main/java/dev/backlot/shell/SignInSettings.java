package dev.backlot.shell;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an SSO profile becomes a catalog user ({@code backlot.auth.signIn} in app-config.yaml), with
 * the names of Backstage's resolvers.
 *
 * @param resolver which catalog User the profile's email selects
 * @param allowWithoutCatalogUser let in someone the catalog does not know, as {@code
 *     user:default/<email local part>} owning through their groups claim (Backstage's
 *     {@code dangerouslyAllowSignInWithoutUserInCatalog}); off, they get a page saying why not
 * @param groupsClaim the ID token claim listing the person's groups (Okta's {@code groups})
 */
@ConfigurationProperties("backlot.auth.sign-in")
public record SignInSettings(
    @DefaultValue("emailMatchingUserEntityProfileEmail") Resolver resolver,
    @DefaultValue("false") boolean allowWithoutCatalogUser,
    @DefaultValue("groups") String groupsClaim) {

  public enum Resolver {
    /** The User whose {@code spec.profile.email} is the profile's email. */
    emailMatchingUserEntityProfileEmail,
    /** The User in the default namespace named as the email's local part ({@code jdoe} of {@code jdoe@acme.example}). */
    emailLocalPartMatchingUserEntityName
  }
}
