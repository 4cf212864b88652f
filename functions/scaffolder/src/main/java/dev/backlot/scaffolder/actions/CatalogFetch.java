package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.scaffolder.expression.ExpressionException;
import dev.backlot.scaffolder.expression.Templating;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code catalog:fetch}: entities by ref from the catalog, through the catalog client; a ref
 * without kind or namespace takes {@code defaultKind}/{@code defaultNamespace}. A missing entity
 * fails the step unless {@code optional}. Read-only, so it runs in dry runs too.
 */
final class CatalogFetch extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "properties": {
        "entityRef": {"type": "string", "description": "Entity reference of the entity to get"},
        "entityRefs": {"type": "array", "items": {"type": "string"}, "description": "Entity references of the entities to get"},
        "optional": {"type": "boolean", "description": "Allow the entity or entities to optionally exist. Default: false"},
        "defaultKind": {"type": "string", "description": "The default kind"},
        "defaultNamespace": {"type": "string", "description": "The default namespace"}
      }}""");
  private static final ObjectNode OUTPUT = Schemas.of("""
      {"type": "object", "properties": {
        "entity": {"type": "object", "description": "Object containing same values used in the Entity schema. Only when used with `entityRef` parameter."},
        "entities": {"type": "array", "items": {"type": "object"}, "description": "Array containing objects with same values used in the Entity schema. Only when used with `entityRefs` parameter."}
      }}""");

  private final CatalogClient catalog;

  CatalogFetch(CatalogClient catalog) {
    super("catalog:fetch", "Returns entity or entities from the catalog by entity reference(s)", INPUT, OUTPUT);
    this.catalog = catalog;
  }

  @Override
  public void run(ActionContext context) throws IOException {
    boolean optional = context.input().path("optional").asBoolean(false);
    if (context.input().hasNonNull("entityRef")) {
      Optional<ObjectNode> entity = reader(context).getEntityByRef(ref(context, context.input().get("entityRef").asText()));
      if (entity.isEmpty() && !optional) {
        throw new ActionException("Entity " + context.input().get("entityRef").asText() + " not found");
      }
      entity.ifPresent(e -> context.output("entity", e));
    }
    if (context.input().path("entityRefs").isArray()) {
      List<String> refs = new ArrayList<>();
      for (JsonNode ref : context.input().get("entityRefs")) {
        refs.add(ref(context, ref.asText()));
      }
      ArrayNode entities = JsonNodeFactory.instance.arrayNode();
      List<Optional<ObjectNode>> found = reader(context).getEntitiesByRefs(refs, List.of());
      for (int i = 0; i < refs.size(); i++) {
        if (found.get(i).isEmpty() && !optional) {
          throw new ActionException("Entity " + refs.get(i) + " not found");
        }
        entities.add(found.get(i).isPresent() ? found.get(i).get() : JsonNodeFactory.instance.nullNode());
      }
      context.output("entities", entities);
    }
  }

  /** The full {@code kind:namespace/name} of {@code ref}, with the input's defaults. */
  private static String ref(ActionContext context, String ref) {
    ObjectNode defaults = JsonNodeFactory.instance.objectNode();
    defaults.put("defaultKind", context.string("defaultKind", null)).put("defaultNamespace", context.string("defaultNamespace", "default"));
    ObjectNode scope = JsonNodeFactory.instance.objectNode().put("ref", ref);
    scope.set("defaults", defaults);
    try {
      JsonNode parsed = Templating.evaluate("ref | parseEntityRef(defaults)", scope);
      return parsed.path("kind").asText() + ":" + parsed.path("namespace").asText() + "/" + parsed.path("name").asText();
    } catch (ExpressionException e) {
      throw new ActionException(e.getMessage());
    }
  }

  /** Reads as the run's initiator, so a template shows them only what the catalog lets them read. */
  private CatalogClient reader(ActionContext context) {
    return context.initiator().map(catalog::onBehalfOf).orElse(catalog);
  }
}
