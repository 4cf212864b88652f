package dev.backlot.permission.rbac;

/**
 * What a caller asks about: a permission by name, with its resource type when it is a resource
 * permission (null for a basic one), and the action RHDH derives from {@code attributes.action}.
 */
public record PermissionQuery(String name, String resourceType, String action) {
  public static PermissionQuery basic(String name, String attributeAction) {
    return new PermissionQuery(name, null, Actions.ofAttribute(attributeAction));
  }

  public static PermissionQuery resource(String name, String resourceType, String attributeAction) {
    return new PermissionQuery(name, resourceType, Actions.ofAttribute(attributeAction));
  }

  public boolean isResource() {
    return resourceType != null;
  }
}
