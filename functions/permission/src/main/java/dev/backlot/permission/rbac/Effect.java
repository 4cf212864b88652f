package dev.backlot.permission.rbac;

import java.util.Locale;
import java.util.Optional;

/** A policy line's last field: RHDH writes {@code allow} or {@code deny}, lower case. */
public enum Effect {
  ALLOW,
  DENY;

  /** {@code allow} or {@code deny} exactly, as RHDH's {@code isValidEffectValue} accepts them. */
  public static Optional<Effect> parse(String value) {
    return switch (value == null ? "" : value) {
      case "allow" -> Optional.of(ALLOW);
      case "deny" -> Optional.of(DENY);
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
