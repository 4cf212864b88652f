package dev.backlot.scaffolder.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.Permission;
import dev.backlot.platform.permission.PermissionClient;
import dev.backlot.scaffolder.run.ActionGate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The template and action permissions as Backstage's scaffolder-backend applies them, when
 * {@code permission.enabled}: a template is shown and run with only the parameter pages and steps
 * {@code scaffolder.template.parameter.read} and {@code scaffolder.template.step.read} allow (a
 * conditional decision keeps those whose {@code backstage:permissions.tags} meet it; DENY keeps
 * none), and a step runs only when {@code scaffolder.action.execute} allows its action and
 * rendered input. Services are let through, as Backstage lets service principals through.
 */
public final class TemplateAuthorization {
  /** Both template decisions for one caller. */
  public record Decisions(Decision parameters, Decision steps) {
    public static final Decisions ALL = new Decisions(Decision.ALLOW, Decision.ALLOW);
  }

  private final Optional<PermissionClient> permissions;

  public TemplateAuthorization(Optional<PermissionClient> permissions) {
    this.permissions = permissions;
  }

  /** What {@code caller} may read of templates; {@code authorization} is their credential, asked for only when a person's token is forwarded. */
  public Decisions decide(Identity caller, Supplier<String> authorization) {
    List<Decision> decisions = ask(caller, authorization,
        List.of(ScaffolderPermissions.TEMPLATE_PARAMETER_READ, ScaffolderPermissions.TEMPLATE_STEP_READ));
    return decisions == null ? Decisions.ALL : new Decisions(decisions.get(0), decisions.get(1));
  }

  /** The gate of one run for {@code initiator}: asks the permission function once, applies its conditions per step. */
  public ActionGate actions(Identity initiator, Supplier<String> authorization) {
    List<Decision> decisions = ask(initiator, authorization, List.of(ScaffolderPermissions.ACTION_EXECUTE));
    if (decisions == null) {
      return ActionGate.ALL;
    }
    Decision decision = decisions.get(0);
    return (actionId, input) -> allowed(decision, ScaffolderPermissions.ACTION_RESOURCE_TYPE,
        JsonNodeFactory.instance.objectNode().put("action", actionId).set("input", input));
  }

  /** {@code entity} with only the parameter pages and steps {@code decisions} allow (a copy; the entity is not changed). */
  public static ObjectNode filter(ObjectNode entity, Decisions decisions) {
    if (decisions.equals(Decisions.ALL)) {
      return entity;
    }
    ObjectNode copy = entity.deepCopy();
    ObjectNode spec = copy.path("spec") instanceof ObjectNode object ? object : copy.putObject("spec");
    JsonNode parameters = spec.get("parameters");
    if (parameters instanceof ArrayNode pages) {
      spec.set("parameters", kept(pages, decisions.parameters()));
    } else if (parameters != null && parameters.isObject() && !allowed(decisions.parameters(), ScaffolderPermissions.TEMPLATE_RESOURCE_TYPE, parameters)) {
      spec.remove("parameters");
    }
    if (spec.get("steps") instanceof ArrayNode steps) {
      spec.set("steps", kept(steps, decisions.steps()));
    }
    return copy;
  }

  private static ArrayNode kept(ArrayNode items, Decision decision) {
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    items.forEach(item -> {
      if (allowed(decision, ScaffolderPermissions.TEMPLATE_RESOURCE_TYPE, item)) {
        kept.add(item);
      }
    });
    return kept;
  }

  static boolean allowed(Decision decision, String resourceType, JsonNode resource) {
    return switch (decision.result()) {
      case ALLOW -> true;
      case DENY -> false;
      case CONDITIONAL -> ScaffolderRules.matches(decision.conditions(), resourceType, resource);
    };
  }

  /** The decisions, or null when nothing is decided: the framework is off, or a service calls. */
  private List<Decision> ask(Identity caller, Supplier<String> authorization, List<Permission> asked) {
    if (permissions.isEmpty() || caller.kind() == Identity.Kind.SERVICE) {
      return null;
    }
    return permissions.get().authorize(caller, authorization, asked.stream().map(p -> new PermissionClient.Item(p, null)).toList());
  }
}
