package dev.backlot.platform.permission;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A permission as Backstage's {@code permission-common} defines it: a name such as {@code
 * catalog.entity.read}, an action attribute ({@code create}, {@code read}, {@code update},
 * {@code delete}, or none) and, for a resource permission, the type of resource it guards
 * ({@code catalog-entity}). On the wire: {@code {type, name, attributes: {action}, resourceType}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Permission(String name, String action, String resourceType) {
  public Permission {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a permission has a name");
    }
  }

  /** A permission on no particular resource: answered ALLOW or DENY. */
  public static Permission basic(String name, String action) {
    return new Permission(name, action, null);
  }

  /** A permission on resources of {@code resourceType}: answered ALLOW, DENY or CONDITIONAL. */
  public static Permission resource(String name, String action, String resourceType) {
    if (resourceType == null || resourceType.isBlank()) {
      throw new IllegalArgumentException("a resource permission names its resource type");
    }
    return new Permission(name, action, resourceType);
  }

  @JsonProperty("type")
  public String type() {
    return resourceType == null ? "basic" : "resource";
  }

  @JsonIgnore
  public boolean isResource() {
    return resourceType != null;
  }

  @JsonProperty("attributes")
  Map<String, String> attributes() {
    return action == null ? Map.of() : Map.of("action", action);
  }

  @JsonIgnore
  @Override
  public String action() {
    return action;
  }
}
