package dev.backlot.permission.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * RHDH's conditional policy ({@code RoleConditionalPolicyDecision}): members of {@code
 * roleEntityRef} may do the {@code permissionMapping} actions on {@code resourceType}'s resources
 * that satisfy {@code conditions}, which the plugin {@code pluginId} applies.
 */
public record ConditionalPolicy(long id, String roleEntityRef, String pluginId, String resourceType,
    List<String> permissionMapping, JsonNode conditions) {
  public ConditionalPolicy {
    permissionMapping = List.copyOf(permissionMapping);
  }

  /** Whether this policy speaks for {@code query}: its resource type, and an action it maps. */
  boolean covers(PermissionQuery query) {
    return resourceType.equals(query.resourceType()) && permissionMapping.contains(query.action());
  }
}
