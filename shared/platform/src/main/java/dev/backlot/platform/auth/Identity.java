package dev.backlot.platform.auth;

import java.util.List;

/**
 * Who is calling, as every handler sees it through {@code request.identity()}. {@code subject} is
 * an entity ref for users ({@code user:default/jdoe}), {@code plugin:<id>} or the service
 * account for services, {@code external:<subject>} for static tokens. Ownership refs are the
 * user's own ref and groups (Backstage's {@code ownershipEntityRefs}); other kinds have none.
 * {@code actingService} is null, except for a person a service calls on behalf of without their
 * token ({@link OnBehalfOf}): then it names that service ({@code plugin:scaffolder}).
 */
public record Identity(Kind kind, String subject, List<String> ownershipRefs, String actingService) {
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
  }

  public Identity(Kind kind, String subject, List<String> ownershipRefs) {
    this(kind, subject, ownershipRefs, null);
  }
}
