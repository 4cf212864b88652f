package dev.backlot.techdocs.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityFilterQuery;
import dev.backlot.catalog.client.QueryEntitiesRequest;
import dev.backlot.integration.github.GitHubFolderReader;
import dev.backlot.platform.http.Json;
import dev.backlot.techdocs.generator.GeneratedSite;
import dev.backlot.techdocs.generator.GeneratorLimits;
import dev.backlot.techdocs.generator.SiteGenerator;
import dev.backlot.techdocs.site.SiteStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the docs of entities whose {@code techdocs-ref} is a folder the generator can read (next to
 * a {@code file:} catalog file, or on GitHub: {@link SiteSources}), when their source changed since
 * the published build (the source's version is the site's etag). At most {@code maxBuilds} sites
 * are built per call, so a call stays well inside the request deadline; the rest are built by the
 * next scheduled call. Sites published by CI (techdocs-cli) are never overwritten, and other
 * references are left to CI. A source that cannot be read or built keeps its last good site.
 */
public final class DocsSync {
  private final CatalogClient catalog;
  private final SiteGenerator generator;
  private final SiteSources sources;
  private final SitePublisher publisher;
  private final boolean legacyCasing;
  private final int maxBuilds;
  private final Consumer<List<String>> rebuilt;

  /** {@code rebuilt} hears the refs of the entities whose sites a run rebuilt (search re-reads their docs). */
  public DocsSync(CatalogClient catalog, SiteStore sites, GitHubFolderReader github, GeneratorLimits limits, boolean legacyCasing,
      int maxBuilds, Clock clock, Consumer<List<String>> rebuilt) {
    this.catalog = catalog;
    this.generator = new SiteGenerator(limits);
    this.sources = new SiteSources(github, limits);
    this.publisher = new SitePublisher(sites, clock);
    this.legacyCasing = legacyCasing;
    this.maxBuilds = maxBuilds;
    this.rebuilt = rebuilt;
  }

  /** Lists the documented entities; throws when the catalog cannot be read (nothing is changed then). */
  public List<DocumentedEntity> documentedEntities() throws IOException {
    return catalog.queryAllEntities(QueryEntitiesRequest.where(EntityFilterQuery.whereExists("metadata.annotations." + DocumentedEntity.TECHDOCS_REF))
            .fields("kind", "metadata.namespace", "metadata.name", "metadata.annotations"))
        .stream().map(DocumentedEntity::of).toList();
  }

  /** One run: the report the route answers. */
  public ObjectNode run(List<DocumentedEntity> entities) {
    int built = 0;
    int unchanged = 0;
    int deferred = 0;
    ArrayNode skipped = Json.MAPPER.createArrayNode();
    ArrayNode failed = Json.MAPPER.createArrayNode();
    ArrayNode brokenLinks = Json.MAPPER.createArrayNode();
    List<String> builtRefs = new ArrayList<>();
    for (DocumentedEntity entity : entities) {
      String ref = entity.triplet().entityRef();
      try {
        SiteSource source = sources.of(entity);
        String siteFolder = entity.triplet().folder(legacyCasing);
        SitePublisher.Published published = publisher.published(siteFolder);
        if (published.byCi()) {
          skipped.addObject().put("entityRef", ref).put("reason", "its site was published by CI (techdocs-cli), which the generator never overwrites");
          continue;
        }
        String etag = source.version();
        if (published.etag().filter(etag::equals).isPresent()) {
          unchanged++;
          continue;
        }
        if (built >= maxBuilds) {
          deferred++;
          continue;
        }
        GeneratedSite site = generator.generate(source.files(), source.editBase());
        publisher.publish(siteFolder, site, etag);
        built++;
        builtRefs.add(ref);
        site.brokenLinks().forEach((page, links) -> brokenLinks.addObject().put("entityRef", ref).put("page", page)
            .set("links", Json.MAPPER.valueToTree(links)));
      } catch (SiteSources.NotBuiltHere e) {
        skipped.addObject().put("entityRef", ref).put("reason", e.getMessage());
      } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
        failed.addObject().put("entityRef", ref).put("message", e.getMessage());
      }
    }
    if (!builtRefs.isEmpty()) {
      rebuilt.accept(builtRefs);
    }
    ObjectNode report = Json.object().put("entities", entities.size()).put("built", built).put("unchanged", unchanged).put("deferred", deferred);
    report.set("skipped", skipped);
    report.set("failed", failed);
    report.set("brokenLinks", brokenLinks);
    return report;
  }
}
