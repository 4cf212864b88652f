package dev.backlot.permission.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.rbac.EntityRefs;
import dev.backlot.permission.rbac.PolicyPermissions;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.permission.storage.Refused;
import dev.backlot.permission.storage.StoredRole;
import dev.backlot.platform.logging.AuditLog;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RHDH's role API: {@code GET/POST /roles}, {@code GET/PUT/DELETE /roles/:kind/:namespace/:name},
 * roles as {@code {memberReferences, name, metadata}}. Roles from the policy file are read-only
 * here (403 naming the source), as in RHDH.
 */
final class RoleRoutes {
  /** The most members one role may list. */
  static final int MAX_MEMBERS = 1000;

  private final RbacStore store;
  /** RHDH's {@code role:default/rbac_admin} with the configured admins; empty when there are none. */
  private final Optional<StoredRole> adminRole;

  RoleRoutes(RbacStore store, Optional<StoredRole> adminRole) {
    this.store = store;
    this.adminRole = adminRole;
  }

  /**
   * RHDH's built-in role as its REST API shows it ({@code admin-creation.ts}): the members of
   * {@code permission.rbac.admin.users}, source {@code configuration}, RHDH's description and
   * author; created and modified when this instance started, as RHDH rewrites it at each start.
   */
  static Optional<StoredRole> adminRole(List<String> adminUsers, java.time.Instant started) {
    if (adminUsers.isEmpty()) {
      return Optional.empty();
    }
    String at = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(started.atOffset(java.time.ZoneOffset.UTC));
    return Optional.of(new StoredRole(PolicyPermissions.ADMIN_ROLE, adminUsers.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT)).toList(),
        "configuration", "The default permission policy for the admin role allows for the creation, deletion, updating, and reading of roles and"
        + " permission policies.", "application configuration", "application configuration", at, at));
  }

  void register(Router router) {
    router.get("/roles", RbacAdmins.READ_OR_DEPLOY, request -> java.util.stream.Stream.concat(adminRole.stream(), store.roles().stream())
        .map(RoleRoutes::json).toList());
    router.post("/roles", RbacAdmins.CREATE, this::create);
    router.get("/roles/:kind/:namespace/:name", RbacAdmins.READ, this::get);
    router.put("/roles/:kind/:namespace/:name", RbacAdmins.UPDATE, this::update);
    router.delete("/roles/:kind/:namespace/:name", RbacAdmins.DELETE, this::delete);
  }

  private Object get(Request request) throws IOException {
    String ref = Refusals.ref(request);
    Optional<StoredRole> role = adminRole.filter(admin -> admin.ref().equalsIgnoreCase(ref)).or(() -> {
      try {
        return store.role(ref);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return List.of(json(role.orElseThrow(() -> HttpError.notFound("role " + ref + " was not found"))));
  }

  /**
   * The built-in role belongs to the configuration, as a file role belongs to its file: RHDH
   * refuses changing it through the API (403, {@code validateSource}), in these words.
   */
  private void refuseChangingAdminRole(String action, String... refs) {
    for (String ref : refs) {
      // Refs compare case-insensitively everywhere (docs/permission.md): ROLE:default/RBAC_ADMIN is the same role.
      if (ref.equalsIgnoreCase(PolicyPermissions.ADMIN_ROLE)) {
        throw HttpError.notAllowed("Unable to " + action + " role " + ref + ": source does not match originating role " + ref
            + ", consider making changes to the 'CONFIGURATION'");
      }
    }
  }

  private Object create(Request request) throws IOException {
    Role role = Role.parse(request.json(), "");
    refuseChangingAdminRole("create", role.name());
    try {
      store.createRole(role.name(), role.members(), role.description().orElse(null), request.identity().subject());
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.role-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "create", "role", role.name(), "members", role.members()));
    return Response.empty(201);
  }

  private Object update(Request request) throws IOException {
    String ref = Refusals.ref(request);
    JsonNode body = request.json();
    if (!body.path("newRole").isObject()) {
      throw HttpError.inputError("'newRole' object must be present");
    }
    Role role = Role.parse(body.get("newRole"), "newRole.");
    refuseChangingAdminRole("update", ref, role.name());
    try {
      store.updateRole(ref, role.name(), role.members(), role.description().orElse(null), request.identity().subject());
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.role-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "update", "role", ref, "newRole", role.name(),
        "members", role.members()));
    return Response.empty(200);
  }

  private Object delete(Request request) throws IOException {
    String ref = Refusals.ref(request);
    refuseChangingAdminRole("delete", ref);
    try {
      store.deleteRole(ref);
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.role-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "delete", "role", ref));
    return Response.empty(204);
  }

  static Map<String, Object> json(StoredRole role) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("source", role.source());
    if (role.description() != null) {
      metadata.put("description", role.description());
    }
    metadata.put("author", role.author());
    metadata.put("modifiedBy", role.modifiedBy());
    metadata.put("createdAt", role.createdAt());
    metadata.put("lastModified", role.lastModified());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("memberReferences", role.members());
    json.put("name", role.ref());
    json.put("metadata", metadata);
    return json;
  }

  /** RHDH's {@code Role} body, checked as its {@code validateRole} checks it, each error naming the field. */
  record Role(String name, List<String> members, Optional<String> description) {
    static Role parse(JsonNode body, String prefix) {
      if (!body.isObject()) {
        throw HttpError.inputError("Invalid role definition: the body must be a role object");
      }
      String name = body.path("name").asText("");
      if (name.isEmpty()) {
        throw HttpError.inputError("Invalid role definition. Cause: '" + prefix + "name' field must not be empty");
      }
      EntityRefs.roleProblem(name).ifPresent(p -> {
        throw HttpError.inputError("Invalid role definition. Cause: '" + prefix + "name': " + p);
      });
      JsonNode members = body.path("memberReferences");
      if (!members.isArray() || members.isEmpty()) {
        throw HttpError.inputError("Invalid role definition. Cause: '" + prefix + "memberReferences' field must not be empty");
      }
      if (members.size() > MAX_MEMBERS) {
        throw HttpError.inputError("Invalid role definition. Cause: '" + prefix + "memberReferences' lists more than " + MAX_MEMBERS + " members");
      }
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        String member = members.get(i).asText("");
        String field = prefix + "memberReferences[" + i + "]";
        Optional<String> problem = EntityRefs.problem(member)
            .or(() -> EntityRefs.kind(member).equals("role") ? Optional.of("a role cannot be a member of a role") : Optional.empty());
        problem.ifPresent(p -> {
          throw HttpError.inputError("Invalid role definition. Cause: '" + field + "': " + p);
        });
        if (!refs.contains(member)) {
          refs.add(member);
        }
      }
      JsonNode description = body.path("metadata").path("description");
      if (description.isTextual() && description.asText().length() > 1024) {
        throw HttpError.inputError("Invalid role definition. Cause: '" + prefix + "metadata.description' is longer than 1024 characters");
      }
      return new Role(name, refs, description.isTextual() ? Optional.of(description.asText()) : Optional.empty());
    }
  }
}
