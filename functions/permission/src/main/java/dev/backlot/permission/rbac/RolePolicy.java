package dev.backlot.permission.rbac;

import java.util.Optional;

/**
 * One permission policy, a {@code p} line: {@code subject} (a role, or a user or group as RHDH
 * also accepts) may or may not ({@code effect}) do {@code action} on {@code permission}, a
 * permission name ({@code catalog.entity.read}) or a resource type ({@code catalog-entity}).
 */
public record RolePolicy(String subject, String permission, String action, Effect effect) {
  /** Why these fields make no valid policy, in RHDH's words naming the field; empty when valid. */
  public static Optional<String> problem(String subject, String permission, String action, String effect) {
    Optional<String> ref = EntityRefs.problem(subject);
    if (ref.isPresent()) {
      return ref;
    }
    if (permission == null || permission.isEmpty()) {
      return Optional.of("'permission' field must not be empty");
    }
    if (permission.contains("\"")) {
      return Optional.of("'permission' contains double quotes (\") which are not supported by the RBAC policy persistence format.");
    }
    if (action == null || action.isEmpty()) {
      return Optional.of("'policy' field must not be empty");
    }
    if (!Actions.isValid(action)) {
      return Optional.of("'policy' has invalid value: '" + action + "'. It should be one of: " + String.join(", ", Actions.VALID));
    }
    if (effect == null || effect.isEmpty()) {
      return Optional.of("'effect' field must not be empty");
    }
    if (Effect.parse(effect).isEmpty()) {
      return Optional.of("'effect' has invalid value: '" + effect + "'. It should be: 'allow' or 'deny'");
    }
    return Optional.empty();
  }

  /** The line as RHDH's CSV file writes it. */
  public String csv() {
    return "p, " + subject + ", " + permission + ", " + action + ", " + effect;
  }
}
