package dev.backlot.shell;

import java.io.Serializable;
import java.util.List;

/**
 * Who a signed-in person is in Backlot: their User entity ref and ownership refs (the user and
 * the groups it is a member of), as the functions receive them in a user token's {@code sub} and
 * {@code ent}. Kept in the server-side session, so it is serializable.
 */
public record ShellIdentity(String userRef, List<String> ownershipRefs) implements Serializable {
  public ShellIdentity {
    ownershipRefs = List.copyOf(ownershipRefs);
  }
}
