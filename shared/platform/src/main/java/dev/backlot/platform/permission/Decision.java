package dev.backlot.platform.permission;

/**
 * The permission service's answer for one permission: ALLOW, DENY, or CONDITIONAL with the
 * conditions the plugin owning {@code resourceType} applies itself (to its SQL, for reads). A
 * handler asks the request for it ({@code request.decision()}); without the permission framework
 * every decision is {@link #ALLOW}, the route's {@code Access} having decided.
 */
public record Decision(Result result, String pluginId, String resourceType, PermissionCriteria conditions) {
  public enum Result { ALLOW, DENY, CONDITIONAL }

  public static final Decision ALLOW = new Decision(Result.ALLOW, null, null, null);
  public static final Decision DENY = new Decision(Result.DENY, null, null, null);

  public static Decision conditional(String pluginId, String resourceType, PermissionCriteria conditions) {
    return new Decision(Result.CONDITIONAL, pluginId, resourceType, conditions);
  }
}
