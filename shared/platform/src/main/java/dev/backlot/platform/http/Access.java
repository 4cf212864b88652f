package dev.backlot.platform.http;

import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.permission.Permission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call a route, declared where the route is registered. The router refuses, before the
 * handler runs, every caller the declaration does not name; a route cannot be registered
 * without one, so "deny by default" needs no discipline.
 *
 * <ul>
 *   <li>{@link #PUBLIC}: no credentials (the health check, a webhook whose handler checks a
 *       signature).
 *   <li>{@link #SIGNED_IN}: any authenticated caller: a person, a static token, any service.
 *   <li>{@link #admins()}: members of {@code backlot.auth.adminGroups}, and static tokens
 *       ({@code backend.auth.externalAccess}), which an operator issues, until the permission
 *       framework governs them.
 *   <li>{@link #users()}: people only (a Backlot user token), no service and no static token unless
 *       named: for routes whose permission the permission function decides for people once enabled,
 *       and a plugin's own filter before that (the permission plugin's RBAC admins).
 *   <li>{@link #services}: the named service principals only ({@code plugin:<name>}, where a name
 *       is a plugin id or {@code scheduler}, {@code shell}, {@code deploy}).
 * </ul>
 *
 * Services are not admins: a route a service calls names it, so a compromised plugin can do
 * only what its own routes allow.
 *
 * <p>A route people call also names the Backstage {@link Permission} it needs ({@code
 * Access.SIGNED_IN.permission(ENTITY_READ)}). With {@code permission.enabled: false} (the
 * default) the permission is only published; with it enabled, the permission function decides
 * for people instead of the level (signed-in, admin group), while services and static tokens
 * stay governed by the level and the named services, as Backstage lets service principals through.
 */
public final class Access {
  /** No authentication at all. */
  public static final Access PUBLIC = new Access(Level.PUBLIC, Set.of());
  /** Any authenticated caller. */
  public static final Access SIGNED_IN = new Access(Level.SIGNED_IN, Set.of());

  private enum Level { PUBLIC, SIGNED_IN, ADMINS, USERS, NAMED }

  private final Level level;
  private final Set<String> services;
  private final Permission permission;

  private Access(Level level, Set<String> services) {
    this(level, services, null);
  }

  private Access(Level level, Set<String> services, Permission permission) {
    this.level = level;
    this.services = services;
    this.permission = permission;
  }

  /** This access, naming the permission a person needs once the permission framework is enabled. */
  public Access permission(Permission permission) {
    if (level == Level.PUBLIC || level == Level.NAMED) {
      throw new IllegalArgumentException("only routes people call name a permission, not " + this);
    }
    return new Access(level, services, permission);
  }

  /** The permission a person needs; null when the route names none. */
  public Permission permission() {
    return permission;
  }

  /** Admin group members and static tokens. */
  public static Access admins() {
    return new Access(Level.ADMINS, Set.of());
  }

  /** People (user tokens) only, and the services named with {@link #orServices}. */
  public static Access users() {
    return new Access(Level.USERS, Set.of());
  }

  /** Only the named service principals ({@code "github"} means {@code plugin:github}). */
  public static Access services(String... names) {
    return new Access(Level.NAMED, names(names));
  }

  /** This access, and the named service principals besides. */
  public Access orServices(String... names) {
    if (level == Level.PUBLIC || level == Level.SIGNED_IN) {
      throw new IllegalArgumentException(level + " already admits every service");
    }
    TreeSet<String> both = new TreeSet<>(services);
    both.addAll(names(names));
    return new Access(level, Collections.unmodifiableSortedSet(both), permission);
  }

  boolean isPublic() {
    return level == Level.PUBLIC;
  }

  /** Whether {@code caller} may call, where {@code isAdmin} tells whether a user is an admin. */
  boolean admits(Identity caller, boolean isAdmin) {
    return switch (level) {
      case PUBLIC, SIGNED_IN -> true;
      case ADMINS -> namedService(caller) || caller.kind() == Identity.Kind.EXTERNAL
          || (caller.kind() == Identity.Kind.USER && isAdmin);
      case USERS -> namedService(caller) || caller.kind() == Identity.Kind.USER;
      case NAMED -> namedService(caller);
    };
  }

  private boolean namedService(Identity caller) {
    return caller.kind() == Identity.Kind.SERVICE && caller.subject().startsWith(SERVICE_PREFIX)
        && services.contains(caller.subject().substring(SERVICE_PREFIX.length()));
  }

  /** For the route tables in the docs: {@code public}, {@code signed-in}, {@code admins; services: github}. */
  @Override
  public String toString() {
    String who = switch (level) {
      case PUBLIC -> "public";
      case SIGNED_IN -> "signed-in";
      case ADMINS -> "admins";
      case USERS -> "users";
      case NAMED -> "";
    };
    List<String> parts = new ArrayList<>();
    if (!who.isEmpty()) {
      parts.add(who);
    }
    if (!services.isEmpty()) {
      parts.add("services: " + String.join(", ", services));
    }
    if (permission != null) {
      parts.add("permission: " + permission.name());
    }
    return String.join("; ", parts);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Access that && level == that.level && services.equals(that.services)
        && java.util.Objects.equals(permission, that.permission);
  }

  @Override
  public int hashCode() {
    return level.hashCode() * 31 + services.hashCode();
  }

  /** The subject prefix of service principals, as Backstage's {@code BackstageServicePrincipal} has it. */
  public static final String SERVICE_PREFIX = "plugin:";

  private static Set<String> names(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("name at least one service");
    }
    for (String name : names) {
      if (name.isBlank() || name.contains(":")) {
        throw new IllegalArgumentException("a service is named by its id (github, scheduler), not '" + name + "'");
      }
    }
    return Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(names)));
  }
}
