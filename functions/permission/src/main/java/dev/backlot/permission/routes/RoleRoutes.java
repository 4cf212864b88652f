package dev.backlot.permission.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.rbac.EntityRefs;
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

  RoleRoutes(RbacStore store) {
    this.store = store;
  }

  void register(Router router) {
    router.get("/roles", RbacAdmins.READ_OR_DEPLOY, request -> store.roles().stream().map(RoleRoutes::json).toList());
    router.post("/roles", RbacAdmins.CREATE, this::create);
    router.get("/roles/:kind/:namespace/:name", RbacAdmins.READ, this::get);
    router.put("/roles/:kind/:namespace/:name", RbacAdmins.UPDATE, this::update);
    router.delete("/roles/:kind/:namespace/:name", RbacAdmins.DELETE, this::delete);
  }

  private Object get(Request request) throws IOException {
    String ref = Refusals.ref(request);
    return List.of(json(store.role(ref).orElseThrow(() -> HttpError.notFound("role " + ref + " was not found"))));
  }

  private Object create(Request request) throws IOException {
    Role role = Role.parse(request.json(), "");
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
