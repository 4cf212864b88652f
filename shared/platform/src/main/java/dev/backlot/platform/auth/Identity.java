package dev.backlot.platform.auth;

import java.util.List;

/**
 * Who is calling, as every handler sees it through {@code request.identity()}. {@code subject} is
 * an entity ref for users ({@code user:default/jdoe}), {@code plugin:<id>} or the service
 * account for services, {@code external:<subject>} for static tokens. Ownership refs are the
 * user's own ref and groups (Backstage's {@code ownershipEntityRefs}); other kinds have none.
 * {@code actingService} is null, except for a person a service calls on behalf of without their
 * token ({@link OnBehalfOf}): then it names that service ({@code plugin:scaffolder}). A static
 * token carries the permission restrictions its {@code accessRestrictions} entry for this plugin
 * names ({@link AccessRestrictions#NONE} for everyone else).
 */
public record Identity(Kind kind, String subject, List<String> ownershipRefs, String actingService, AccessRestrictions restrictions) {
  public enum Kind {
    /** A person signed in through SSO, carrying a Backlot user token. */
    USER,
    /** Another Backlot plugin, Cloud Scheduler or API Gateway. */
    SERVICE,
    /** A caller with a static token from {@code backend.auth.externalAccess}. */
    EXTERNAL
  }

  public Identity {
    ownershipRefs = List.copyOf(ownershipRefs);
    restrictions = restrictions == null ? AccessRestrictions.NONE : restrictions;
  }

  /** A caller restricted by nothing but its kind, calling for itself. */
  public Identity(Kind kind, String subject, List<String> ownershipRefs) {
    this(kind, subject, ownershipRefs, null, AccessRestrictions.NONE);
  }

  /** A person {@code actingService} calls on behalf of ({@link OnBehalfOf}). */
  public Identity(Kind kind, String subject, List<String> ownershipRefs, String actingService) {
    this(kind, subject, ownershipRefs, actingService, AccessRestrictions.NONE);
  }

  /** A static token limited by its {@code accessRestrictions}. */
  public Identity(Kind kind, String subject, List<String> ownershipRefs, AccessRestrictions restrictions) {
    this(kind, subject, ownershipRefs, null, restrictions);
  }
}
