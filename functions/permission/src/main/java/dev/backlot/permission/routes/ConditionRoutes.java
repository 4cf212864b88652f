package dev.backlot.permission.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.rbac.Actions;
import dev.backlot.permission.rbac.ConditionTree;
import dev.backlot.permission.rbac.ConditionalPolicy;
import dev.backlot.permission.rbac.EntityRefs;
import dev.backlot.permission.plugins.PluginMetadata;
import dev.backlot.permission.storage.ConditionalPolicies;
import dev.backlot.permission.storage.Refused;
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
 * RHDH's conditional policy API: {@code GET/POST /roles/conditions}, {@code GET/PUT/DELETE
 * /roles/conditions/:id}, each policy {@code {id, result: CONDITIONAL, roleEntityRef, pluginId,
 * resourceType, permissionMapping, conditions}}. A policy is stored only when its plugin publishes
 * a permission of the resource type for each mapped action and a rule for each condition.
 */
final class ConditionRoutes {
  private final ConditionalPolicies conditions;
  private final PluginMetadata plugins;

  ConditionRoutes(ConditionalPolicies conditions, PluginMetadata plugins) {
    this.conditions = conditions;
    this.plugins = plugins;
  }

  void register(Router router) {
    router.get("/roles/conditions", RbacAdmins.READ, this::list);
    router.post("/roles/conditions", RbacAdmins.CREATE, this::create);
    router.get("/roles/conditions/:id", RbacAdmins.READ, this::get);
    router.put("/roles/conditions/:id", RbacAdmins.UPDATE, this::update);
    router.delete("/roles/conditions/:id", RbacAdmins.DELETE, this::delete);
  }

  private Object list(Request request) throws IOException {
    Optional<String> role = request.query("roleEntityRef");
    Optional<String> plugin = request.query("pluginId");
    Optional<String> resourceType = request.query("resourceType");
    List<String> actions = request.queryAll("actions");
    return conditions.all().stream().filter(c -> role.map(c.roleEntityRef()::equals).orElse(true)
            && plugin.map(c.pluginId()::equals).orElse(true) && resourceType.map(c.resourceType()::equals).orElse(true)
            && c.permissionMapping().containsAll(actions))
        .map(ConditionRoutes::json).toList();
  }

  private Object get(Request request) throws IOException {
    long id = id(request);
    return json(conditions.byId(id).orElseThrow(() -> HttpError.notFound("condition with id " + id + " was not found")));
  }

  private Object create(Request request) throws IOException {
    ConditionalPolicy policy = fitting(parse(request.json(), 0));
    long id;
    try {
      id = conditions.create(policy);
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.condition-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "create", "id", id, "role", policy.roleEntityRef()));
    return Response.json(201, Map.of("id", id));
  }

  private Object update(Request request) throws IOException {
    long id = id(request);
    ConditionalPolicy policy = fitting(parse(request.json(), id));
    try {
      conditions.update(id, policy);
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.condition-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "update", "id", id, "role", policy.roleEntityRef()));
    return Response.empty(200);
  }

  private Object delete(Request request) throws IOException {
    long id = id(request);
    try {
      conditions.delete(id);
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.condition-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "delete", "id", id));
    return Response.empty(204);
  }

  /** {@code policy} when its plugin publishes what it names; else a 400 naming the field, or a 503 when the plugin cannot be asked. */
  private ConditionalPolicy fitting(ConditionalPolicy policy) {
    Optional<String> problem;
    try {
      problem = plugins.problem(policy);
    } catch (IOException e) {
      throw HttpError.serviceUnavailable("Cannot read plugin " + policy.pluginId() + "'s permission metadata: " + e.getMessage());
    }
    problem.ifPresent(p -> {
      throw HttpError.inputError(p);
    });
    return policy;
  }

  private static long id(Request request) {
    String id = request.pathParam("id");
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw HttpError.inputError("Id is not a valid number: '" + id + "'");
    }
  }

  /** RHDH's {@code RoleConditionalPolicyDecision<PermissionAction>}, each problem naming its field. */
  static ConditionalPolicy parse(JsonNode body, long id) {
    if (!body.isObject()) {
      throw HttpError.inputError("Invalid conditional policy: the body must be an object");
    }
    if (!"CONDITIONAL".equals(body.path("result").asText())) {
      throw HttpError.inputError("'result' field must be 'CONDITIONAL'");
    }
    String role = body.path("roleEntityRef").asText("");
    EntityRefs.roleProblem(role).ifPresent(p -> {
      throw HttpError.inputError("'roleEntityRef' is invalid: " + p);
    });
    String pluginId = text(body, "pluginId", 64);
    String resourceType = text(body, "resourceType", 128);
    JsonNode mapping = body.path("permissionMapping");
    if (!mapping.isArray() || mapping.isEmpty()) {
      throw HttpError.inputError("'permissionMapping' field must be a non-empty array of actions");
    }
    List<String> actions = new ArrayList<>();
    for (int i = 0; i < mapping.size(); i++) {
      String action = mapping.get(i).asText("");
      if (!Actions.isValid(action)) {
        throw HttpError.inputError("'permissionMapping[" + i + "]' has invalid value: '" + action + "'. It should be one of: "
            + String.join(", ", Actions.VALID));
      }
      if (!actions.contains(action)) {
        actions.add(action);
      }
    }
    JsonNode tree = body.get("conditions");
    ConditionTree.problem(tree, resourceType).ifPresent(p -> {
      throw HttpError.inputError(p);
    });
    return new ConditionalPolicy(id, role, pluginId, resourceType, actions, tree);
  }

  private static String text(JsonNode body, String field, int maxLength) {
    String value = body.path(field).asText("");
    if (value.isEmpty()) {
      throw HttpError.inputError("'" + field + "' field must be a non-empty string");
    }
    if (value.length() > maxLength) {
      throw HttpError.inputError("'" + field + "' is longer than " + maxLength + " characters");
    }
    return value;
  }

  static Map<String, Object> json(ConditionalPolicy policy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", policy.id());
    json.put("result", "CONDITIONAL");
    json.put("roleEntityRef", policy.roleEntityRef());
    json.put("pluginId", policy.pluginId());
    json.put("resourceType", policy.resourceType());
    json.put("permissionMapping", policy.permissionMapping());
    json.put("conditions", policy.conditions());
    return json;
  }
}
