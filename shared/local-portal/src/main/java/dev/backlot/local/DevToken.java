package dev.backlot.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./backlot token [user-ref] [group-ref…]}: prints a user token the running local portal
 * accepts, for curl and scripts until the SSO shell mints them. Signed with the key in {@code
 * .backlot/auth/}; valid for eight hours.
 */
public final class DevToken {
  private DevToken() {}

  public static void main(String[] args) {
    String subject = args.length > 0 ? args[0] : "user:default/guest";
    List<String> ownership = new ArrayList<>(List.of(subject));
    ownership.addAll(List.of(args).subList(Math.min(1, args.length), args.length));
    Path root = LocalPortal.findRoot(Path.of("").toAbsolutePath());
    System.out.println(LocalKeys.in(root.resolve(".backlot/auth")).userToken(subject, ownership, Duration.ofHours(8)));
  }
}
