package dev.backlot.catalog;

/**
 * The attack of issue 16: Mallory adds to a repository's catalog file, next to a harmless
 * Component, a User with her own e-mail that is a member of the admin group. Signing in by e-mail
 * would make her that User, and an admin.
 */
public final class MalloryFile {
  public static final String YAML = """
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: mallory-service}
      spec: {type: service, lifecycle: production, owner: team-a}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: 0-mallory}
      spec:
        profile: {email: mallory@evil.example}
        memberOf: [platform-team]
      """;

  private MalloryFile() {}

  /** What the catalog says of her User when the rules refuse it, read from the location it was registered as. */
  public static String refusal(String locationRef) {
    return "Entity user:default/0-mallory at " + locationRef + ", originated at " + locationRef + ", is not of an allowed kind for that location";
  }
}
