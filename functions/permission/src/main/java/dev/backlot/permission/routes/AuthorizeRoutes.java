package dev.backlot.permission.routes;

import dev.backlot.permission.decide.Authorizer;
import dev.backlot.permission.decide.PluginConditions;
import dev.backlot.permission.rbac.Decision;
import dev.backlot.permission.rbac.EntityRefs;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.auth.OnBehalfOf;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.permission.PermissionClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backstage's {@code POST /authorize}. Users and services may call it; a static token
 * ({@code external:<subject>}) may not, as RHDH's permission backend accepts user and service
 * credentials only: a script holding a static token cannot learn what any policy allows. A
 * plugin deciding a static token's request names its principal instead ({@link #decidedFor}).
 */
public final class AuthorizeRoutes {
  /** The largest body taken: {@link AuthorizeRequest#MAX_ITEMS} requests of ordinary size fit. */
  static final long MAX_BODY_BYTES = 512 * 1024;

  private final Authorizer authorizer;
  private final PluginConditions pluginConditions;

  public AuthorizeRoutes(Authorizer authorizer, PluginConditions pluginConditions) {
    this.authorizer = authorizer;
    this.pluginConditions = pluginConditions;
  }

  public void register(Router router) {
    router.post("/authorize", Access.SIGNED_IN, MAX_BODY_BYTES, this::authorize);
  }

  private Object authorize(Request request) throws IOException {
    if (request.identity().kind() == Identity.Kind.EXTERNAL) {
      throw HttpError.notAllowed("A static token may not call /authorize; only users and services may");
    }
    Identity decidedFor = decidedFor(request);
    AuthorizeRequest batch = AuthorizeRequest.parse(request.json());
    List<Decision> decisions;
    try {
      decisions = authorizer.decide(decidedFor, batch.items().stream().map(AuthorizeRequest.Item::query).toList());
    } catch (IOException e) {
      throw HttpError.serviceUnavailable("Cannot decide now: " + e.getMessage());
    }
    List<PluginConditions.Pending> pending = new ArrayList<>();
    for (int i = 0; i < decisions.size(); i++) {
      AuthorizeRequest.Item item = batch.items().get(i);
      if (decisions.get(i) instanceof Decision.Conditional conditional && item.resourceRef().isPresent()) {
        pending.add(new PluginConditions.Pending(item.id(), item.resourceRef().get(), conditional));
      }
    }
    Map<String, Decision> applied = pending.isEmpty() ? Map.of() : applied(pending);
    List<Map<String, Object>> items = new ArrayList<>(decisions.size());
    for (int i = 0; i < decisions.size(); i++) {
      String id = batch.items().get(i).id();
      items.add(answer(id, applied.getOrDefault(id, decisions.get(i))));
    }
    return Map.of("items", items);
  }

  /**
   * Who is decided: the caller, or the static-token principal a service names in {@link
   * PermissionClient#DECIDE_FOR_HEADER} (the platform does not send the token itself on). Only a
   * service may name one: a person's request is decided for that person, whatever it sends. A
   * service may also name a person ({@code user:…}, with their ownership refs in {@link
   * PermissionClient#DECIDE_FOR_OWNERSHIP_HEADER}): the platform does so for a person another
   * service called it on behalf of ({@code OnBehalfOf}), where there is no token to forward.
   */
  private static Identity decidedFor(Request request) {
    Identity caller = request.identity();
    Optional<String> named = request.header(PermissionClient.DECIDE_FOR_HEADER);
    if (named.isEmpty() || caller.kind() != Identity.Kind.SERVICE) {
      return caller;
    }
    if (named.get().regionMatches(true, 0, "user:", 0, "user:".length())) {
      if (EntityRefs.problem(named.get()).isPresent()) {
        throw HttpError.inputError(PermissionClient.DECIDE_FOR_HEADER + " names a user entity ref, user:<namespace>/<name>, not '" + named.get() + "'");
      }
      return new Identity(Identity.Kind.USER, named.get(),
          OnBehalfOf.ownershipRefs(named.get(), request.header(PermissionClient.DECIDE_FOR_OWNERSHIP_HEADER).orElse(null),
              PermissionClient.DECIDE_FOR_OWNERSHIP_HEADER), caller.subject());
    }
    if (!EntityRefs.isExternal(named.get())) {
      throw HttpError.inputError(PermissionClient.DECIDE_FOR_HEADER + " names a static token's principal, external:<subject>, or a user,"
          + " user:<namespace>/<name>, not '" + named.get() + "'");
    }
    return new Identity(Identity.Kind.EXTERNAL, named.get(), List.of());
  }

  private Map<String, Decision> applied(List<PluginConditions.Pending> pending) {
    try {
      return pluginConditions.apply(pending);
    } catch (IOException e) {
      throw HttpError.serviceUnavailable("Cannot apply conditions: " + e.getMessage());
    }
  }

  static Map<String, Object> answer(String id, Decision decision) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id);
    switch (decision) {
      case Decision.Definitive definitive -> answer.put("result", definitive.allowed() ? "ALLOW" : "DENY");
      case Decision.Conditional conditional -> {
        answer.put("result", "CONDITIONAL");
        answer.put("pluginId", conditional.pluginId());
        answer.put("resourceType", conditional.resourceType());
        answer.put("conditions", conditional.conditions());
      }
    }
    return answer;
  }
}
