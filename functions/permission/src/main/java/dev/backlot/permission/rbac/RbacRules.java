package dev.backlot.permission.rbac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every role, policy and conditional policy at one moment, indexed to decide permission requests
 * as RHDH's rbac-backend does ({@code RBACPermissionPolicy.handle} in
 * {@code policies/permission-policy.ts}, with the Casbin model of {@code service/permission-model.ts}):
 *
 * <ol>
 *   <li>a superuser ({@code permission.rbac.admin.superUsers}, matched against the user ref and its
 *       ownership refs) is allowed everything;
 *   <li>the caller's roles are those given to the user and to each group the user is in, and to
 *       each of those groups' ancestors;
 *   <li>for a resource permission, a conditional policy of one of those roles for the permission's
 *       resource type and action wins over any allow or deny: CONDITIONAL, the roles' conditions
 *       joined with {@code anyOf} (two conditional policies of one role for the same permission:
 *       DENY, as RHDH's collision check answers);
 *   <li>policy lines naming the permission decide when any of the roles has one for the action;
 *       else lines naming its resource type (resource permissions only);
 *   <li>among the lines that apply, one deny beats any allow ({@code some(allow) && !some(deny)});
 *       no line is DENY.
 * </ol>
 *
 * Refs compare case-insensitively (RHDH lower-cases role lines, the catalog compares refs so).
 * Immutable, so one instance serves concurrent requests.
 */
public final class RbacRules {
  private static final byte ALLOWS = 1;
  private static final byte DENIES = 2;

  private final Set<String> superUsers;
  private final Map<String, Set<String>> rolesByMember = new HashMap<>();
  /** subject → "permission\0action" → ALLOWS | DENIES. */
  private final Map<String, Map<String, Byte>> effects = new HashMap<>();
  private final Map<String, List<ConditionalPolicy>> conditionsByRole = new HashMap<>();

  public RbacRules(Collection<RolePolicy> policies, Collection<RoleMember> members, Collection<ConditionalPolicy> conditions,
      Collection<String> superUsers) {
    this.superUsers = Set.copyOf(superUsers.stream().map(EntityRefs::normalized).toList());
    for (RoleMember member : members) {
      rolesByMember.computeIfAbsent(EntityRefs.normalized(member.member()), m -> new LinkedHashSet<>())
          .add(EntityRefs.normalized(member.role()));
    }
    for (RolePolicy policy : policies) {
      effects.computeIfAbsent(EntityRefs.normalized(policy.subject()), s -> new HashMap<>())
          .merge(key(policy.permission(), policy.action()), policy.effect() == Effect.ALLOW ? ALLOWS : DENIES, (a, b) -> (byte) (a | b));
    }
    for (ConditionalPolicy condition : conditions) {
      conditionsByRole.computeIfAbsent(EntityRefs.normalized(condition.roleEntityRef()), r -> new ArrayList<>()).add(condition);
    }
  }

  public static RbacRules empty(Collection<String> superUsers) {
    return new RbacRules(List.of(), List.of(), List.of(), superUsers);
  }

  public Decision decide(Caller caller, PermissionQuery query) {
    if (isSuperUser(caller)) {
      return Decision.ALLOW;
    }
    Set<String> roles = rolesOf(caller);
    if (!query.isResource()) {
      // RHDH's workaround since policy.entity.create lost its resource type: unnamed, it is decided by policy-entity lines.
      boolean byType = query.name().equals(PolicyPermissions.CREATE.name()) && !anyLine(roles, query.name(), query.action());
      return enforce(caller, byType ? PolicyPermissions.RESOURCE_TYPE : query.name(), query.action(), roles);
    }
    Decision conditional = conditional(caller, query, roles);
    if (conditional != null) {
      return conditional;
    }
    String object = anyLine(roles, query.name(), query.action()) ? query.name() : query.resourceType();
    return enforce(caller, object, query.action(), roles);
  }

  public boolean isSuperUser(Caller caller) {
    if (superUsers.contains(EntityRefs.normalized(caller.userRef()))) {
      return true;
    }
    return caller.ownershipRefs().stream().anyMatch(ref -> superUsers.contains(EntityRefs.normalized(ref)));
  }

  /** The roles given to the user, to its groups and to their ancestors (the caller's groups include them). */
  public Set<String> rolesOf(Caller caller) {
    Set<String> roles = new LinkedHashSet<>(rolesByMember.getOrDefault(EntityRefs.normalized(caller.userRef()), Set.of()));
    for (String group : caller.groups()) {
      roles.addAll(rolesByMember.getOrDefault(EntityRefs.normalized(group), Set.of()));
    }
    return roles;
  }

  private boolean anyLine(Set<String> roles, String permission, String action) {
    String key = key(permission, action);
    for (String role : roles) {
      if (effects.getOrDefault(role, Map.of()).containsKey(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Casbin's enforce over the lines of the caller's roles; a caller with no role is matched, as
   * RHDH's {@code EnforcerDelegate.enforce} does then, against lines naming the user or its groups.
   */
  private Decision enforce(Caller caller, String permission, String action, Set<String> roles) {
    Collection<String> subjects = roles;
    if (roles.isEmpty()) {
      Set<String> direct = new LinkedHashSet<>();
      direct.add(EntityRefs.normalized(caller.userRef()));
      caller.groups().forEach(group -> direct.add(EntityRefs.normalized(group)));
      subjects = direct;
    }
    String key = key(permission, action);
    boolean allowed = false;
    for (String subject : subjects) {
      byte effect = effects.getOrDefault(subject, Map.of()).getOrDefault(key, (byte) 0);
      if ((effect & DENIES) != 0) {
        return Decision.DENY;
      }
      allowed |= (effect & ALLOWS) != 0;
    }
    return allowed ? Decision.ALLOW : Decision.DENY;
  }

  /** CONDITIONAL when a role of the caller has a conditional policy for the query; null when none has. */
  private Decision conditional(Caller caller, PermissionQuery query, Set<String> roles) {
    ArrayNode anyOf = JsonNodeFactory.instance.arrayNode();
    String pluginId = "";
    for (String role : roles) {
      List<ConditionalPolicy> covering = conditionsByRole.getOrDefault(role, List.of()).stream().filter(c -> c.covers(query)).toList();
      if (covering.size() > 1) {
        return Decision.DENY;
      }
      if (covering.size() == 1) {
        pluginId = covering.get(0).pluginId();
        anyOf.add(ConditionAliases.resolved(covering.get(0).conditions(), caller));
      }
    }
    if (anyOf.isEmpty()) {
      return null;
    }
    ObjectNode conditions = JsonNodeFactory.instance.objectNode();
    conditions.set("anyOf", anyOf);
    return new Decision.Conditional(pluginId, query.resourceType(), conditions);
  }

  private static String key(String permission, String action) {
    return permission + '\0' + action;
  }
}
