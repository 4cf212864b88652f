package dev.backlot.permission.rbac;

import com.fasterxml.jackson.databind.JsonNode;

/** Backstage's policy decision: ALLOW, DENY, or CONDITIONAL with the plugin that applies the conditions. */
public sealed interface Decision {
  Decision ALLOW = new Definitive(true);
  Decision DENY = new Definitive(false);

  record Definitive(boolean allowed) implements Decision {}

  /** {@code conditions} is a permission criteria tree: allOf, anyOf, not, or a {rule, resourceType, params} leaf. */
  record Conditional(String pluginId, String resourceType, JsonNode conditions) implements Decision {}
}
