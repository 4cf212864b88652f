package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.CatalogClientException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code catalog:register}: the new repository's catalog file registered as a location in the
 * catalog, through the catalog client on behalf of the task's initiator ({@code
 * CatalogClient.onBehalfOf}): the catalog's own rules decide whether they may register locations,
 * as if they had called it themselves. A run no person started (a static token) calls as the
 * scaffolder, which the catalog does not admit. Not run in a dry run: there it is skipped with its
 * schema's example outputs.
 */
final class CatalogRegister extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "properties": {
        "catalogInfoUrl": {"type": "string", "title": "Catalog Info URL", "description": "An absolute URL pointing to the catalog info file location"},
        "repoContentsUrl": {"type": "string", "title": "Repository Contents URL", "description": "An absolute URL pointing to the root of a repository directory tree"},
        "catalogInfoPath": {"type": "string", "title": "Fetch URL", "description": "A relative path from the repo root pointing to the catalog info file, defaults to /catalog-info.yaml"},
        "optional": {"type": "boolean", "title": "Optional", "description": "Permit the registered location to optionally exist. Default: false"}
      }}""");
  private static final ObjectNode OUTPUT = Schemas.of("""
      {"type": "object", "properties": {
        "entityRef": {"type": "string", "examples": ["component:default/example"]},
        "catalogInfoUrl": {"type": "string", "examples": ["https://github.com/example/example/blob/main/catalog-info.yaml"]}
      }}""");

  private final CatalogClient catalog;

  CatalogRegister(CatalogClient catalog) {
    super("catalog:register", "Registers entities from a catalog descriptor file in the workspace into the software catalog.", INPUT, OUTPUT);
    this.catalog = catalog;
  }

  @Override
  public boolean supportsDryRun() {
    return false;
  }

  /**
   * As Backstage's action: registers, then asks for a dry run of the same location to learn its
   * entities (a registration answers none: they are read after it), and names the Component
   * first, else the first entity whose name is not generated.
   */
  @Override
  public void run(ActionContext context) throws Exception {
    String url = catalogInfoUrl(context);
    boolean optional = context.input().path("optional").asBoolean(false);
    context.log("Registering " + url + " in the catalog");
    CatalogClient caller = context.initiator().map(catalog::onBehalfOf).orElse(catalog);
    try {
      caller.addLocation("url", url, false);
    } catch (CatalogClientException e) {
      if (!optional) {
        throw new ActionException("The catalog refused to register " + url + ": " + e.getMessage());
      }
      context.log("Registering " + url + " failed, and it is optional: " + e.getMessage());
    }
    try {
      mainEntity(caller.addLocation("url", url, true).entities()).ifPresent(entity -> context.output("entityRef",
          entity.path("kind").asText().toLowerCase(Locale.ROOT) + ":" + entity.path("metadata").path("namespace").asText("default")
              + "/" + entity.path("metadata").path("name").asText()));
    } catch (CatalogClientException e) {
      if (!optional) {
        throw new ActionException("The catalog could not read " + url + " back: " + e.getMessage());
      }
    }
    context.output("catalogInfoUrl", url);
  }

  private static Optional<ObjectNode> mainEntity(List<ObjectNode> entities) {
    Predicate<ObjectNode> named = e -> !e.path("metadata").path("name").asText().startsWith("generated-");
    return entities.stream().filter(named.and(e -> "Component".equals(e.path("kind").asText()))).findFirst()
        .or(() -> entities.stream().filter(named).findFirst())
        .or(() -> entities.stream().findFirst());
  }

  private static String catalogInfoUrl(ActionContext context) {
    String direct = context.string("catalogInfoUrl", null);
    if (direct != null) {
      return direct;
    }
    String repo = context.string("repoContentsUrl", null);
    if (repo == null) {
      throw new ActionException("catalog:register needs catalogInfoUrl, or repoContentsUrl and catalogInfoPath");
    }
    String path = context.string("catalogInfoPath", "/catalog-info.yaml");
    return repo.replaceAll("/+$", "") + (path.startsWith("/") ? path : "/" + path);
  }
}
