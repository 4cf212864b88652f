package dev.backlot.platform.permission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plugin publishes at {@link #PATH}, in Backstage's shape: {@code {permissions:
 * [{type, name, attributes, resourceType?}], rules: [{name, description, resourceType,
 * paramsSchema}]}}. Permissions come from the route declarations, each once.
 */
public record PermissionMetadata(List<Permission> permissions, List<Rule> rules) {
  public static final String PATH = "/.well-known/backstage/permissions/metadata";

  /** A condition rule the plugin applies; {@code paramsSchema} is a JSON schema of its params. */
  public record Rule(String name, String description, String resourceType, JsonNode paramsSchema) {}

  /** The distinct permissions among {@code declared} (nulls skipped), in order, and {@code rules}. */
  public static PermissionMetadata of(Collection<Permission> declared, List<Rule> rules) {
    Map<String, Permission> byName = new LinkedHashMap<>();
    declared.stream().filter(Objects::nonNull).forEach(permission -> byName.putIfAbsent(permission.name(), permission));
    return new PermissionMetadata(new ArrayList<>(byName.values()), List.copyOf(rules));
  }
}
