package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.CatalogClientException;
import java.util.List;

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

  @Override
  public void run(ActionContext context) throws Exception {
    String url = catalogInfoUrl(context);
    context.log("Registering " + url + " in the catalog");
    try {
      CatalogClient caller = context.initiator().map(catalog::onBehalfOf).orElse(catalog);
      CatalogClient.AddLocationResponse added = caller.addLocation("url", url, false);
      List<ObjectNode> entities = added.entities();
      ObjectNode chosen = entities.stream().filter(e -> !"Location".equals(e.path("kind").asText())).findFirst()
          .orElse(entities.isEmpty() ? null : entities.get(0));
      if (chosen != null) {
        context.output("entityRef", chosen.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + ":"
            + chosen.path("metadata").path("namespace").asText("default") + "/" + chosen.path("metadata").path("name").asText());
      }
    } catch (CatalogClientException e) {
      if (!context.input().path("optional").asBoolean(false)) {
        throw new ActionException("The catalog refused to register " + url + ": " + e.getMessage());
      }
      context.log("Registering " + url + " failed, and it is optional: " + e.getMessage());
    }
    context.output("catalogInfoUrl", url);
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
