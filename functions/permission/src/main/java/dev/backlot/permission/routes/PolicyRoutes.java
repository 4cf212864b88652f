package dev.backlot.permission.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.rbac.Effect;
import dev.backlot.permission.rbac.RolePolicy;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.permission.storage.Refused;
import dev.backlot.permission.storage.StoredPolicy;
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
 * RHDH's policy API: {@code GET/POST /policies}, {@code GET/PUT/DELETE /policies/:kind/:namespace/:name},
 * policies as {@code {entityReference, permission, policy, effect, metadata: {source}}} where
 * {@code policy} is the action. Each invalid policy is refused naming its index and field.
 */
final class PolicyRoutes {
  /** The most policies one request may add, remove or replace. */
  static final int MAX_POLICIES = 1000;

  private final RbacStore store;

  PolicyRoutes(RbacStore store) {
    this.store = store;
  }

  void register(Router router) {
    router.get("/policies", RbacAdmins.READ, this::list);
    router.post("/policies", RbacAdmins.CREATE, this::create);
    router.get("/policies/:kind/:namespace/:name", RbacAdmins.READ, this::get);
    router.put("/policies/:kind/:namespace/:name", RbacAdmins.UPDATE, this::update);
    router.delete("/policies/:kind/:namespace/:name", RbacAdmins.DELETE, this::delete);
  }

  /** Every policy, or those matching the {@code entityRef}, {@code permission}, {@code policy} and {@code effect} query parameters. */
  private Object list(Request request) throws IOException {
    Optional<String> entityRef = request.query("entityRef");
    Optional<String> permission = request.query("permission");
    Optional<String> action = request.query("policy");
    Optional<String> effect = request.query("effect");
    return store.policies().stream().filter(p -> entityRef.map(p.policy().subject()::equals).orElse(true)
            && permission.map(p.policy().permission()::equals).orElse(true) && action.map(p.policy().action()::equals).orElse(true)
            && effect.map(p.policy().effect().toString()::equals).orElse(true))
        .map(PolicyRoutes::json).toList();
  }

  private Object get(Request request) throws IOException {
    String ref = Refusals.ref(request);
    List<StoredPolicy> policies = store.policiesOf(ref);
    if (policies.isEmpty()) {
      throw HttpError.notFound("no policies of " + ref + " were found");
    }
    return policies.stream().map(PolicyRoutes::json).toList();
  }

  private Object create(Request request) throws IOException {
    List<RolePolicy> policies = parse(request.json(), "", null);
    try {
      store.addPolicies(policies);
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.policy-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "create", "policies", csv(policies)));
    return Response.empty(201);
  }

  private Object update(Request request) throws IOException {
    String ref = Refusals.ref(request);
    JsonNode body = request.json();
    if (!body.path("oldPolicy").isArray() || body.get("oldPolicy").isEmpty()) {
      throw HttpError.inputError("'oldPolicy' object must be present");
    }
    if (!body.path("newPolicy").isArray() || body.get("newPolicy").isEmpty()) {
      throw HttpError.inputError("'newPolicy' object must be present");
    }
    List<RolePolicy> old = parse(body.get("oldPolicy"), "oldPolicy", ref);
    List<RolePolicy> replacements = parse(body.get("newPolicy"), "newPolicy", ref);
    try {
      store.replacePolicies(old, replacements);
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.policy-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "update", "old", csv(old), "policies", csv(replacements)));
    return Response.empty(200);
  }

  private Object delete(Request request) throws IOException {
    String ref = Refusals.ref(request);
    List<RolePolicy> policies = parse(request.json(), "", ref);
    try {
      store.removePolicies(policies);
    } catch (Refused refused) {
      throw Refusals.toHttp(refused);
    }
    request.audit("permission.policy-write", request.url(), AuditLog.Outcome.SUCCEEDED, Map.of("actionType", "delete", "policies", csv(policies)));
    return Response.empty(204);
  }

  /** An array of policies; {@code subject}, when given, is the path's ref and stands for each entityReference. */
  private static List<RolePolicy> parse(JsonNode array, String field, String subject) {
    if (!array.isArray() || array.isEmpty()) {
      throw HttpError.inputError("permission policy must be present");
    }
    if (array.size() > MAX_POLICIES) {
      throw HttpError.inputError("at most " + MAX_POLICIES + " policies may be sent at once, not " + array.size());
    }
    List<RolePolicy> policies = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String entityReference = subject != null ? subject : item.path("entityReference").asText("");
      String permission = item.path("permission").asText("");
      String action = item.path("policy").asText("");
      String effect = item.path("effect").asText("");
      String where = field + "[" + i + "]";
      RolePolicy.problem(entityReference, permission, action, effect).ifPresent(p -> {
        throw HttpError.inputError("Invalid policy definition at " + where + ". Cause: " + p);
      });
      if (subject == null && !entityReference.startsWith("role:")) {
        throw HttpError.inputError("Invalid policy definition at " + where + ". Cause: 'entityReference' must name a role");
      }
      policies.add(new RolePolicy(entityReference, permission, action, Effect.parse(effect).orElseThrow()));
    }
    return policies;
  }

  private static List<String> csv(List<RolePolicy> policies) {
    return policies.stream().map(RolePolicy::csv).toList();
  }

  static Map<String, Object> json(StoredPolicy stored) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("entityReference", stored.policy().subject());
    json.put("permission", stored.policy().permission());
    json.put("policy", stored.policy().action());
    json.put("effect", stored.policy().effect().toString());
    json.put("metadata", Map.of("source", stored.source()));
    return json;
  }
}
