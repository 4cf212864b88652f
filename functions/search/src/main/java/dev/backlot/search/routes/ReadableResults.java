package dev.backlot.search.routes;

import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.Permission;
import dev.backlot.platform.permission.PermissionClient;
import dev.backlot.search.engine.ResultPage;
import dev.backlot.search.engine.SearchEngine;
import dev.backlot.search.engine.SearchQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The results a caller may read. With {@code permission.enabled}, every document is governed by
 * the read permission of the catalog entity it came from ({@code catalog.entity.read} on its
 * entity ref; an API operation by its API entity), as Backstage's AuthorizedSearchEngine does:
 *
 * <ul>
 *   <li>a person the policy allows to read every entity (or denies all) gets the engine's page and
 *       count (or nothing);
 *   <li>a conditional policy is applied per result: candidates are read in the engine's order, 100
 *       at a time, and their refs decided in one batch by the permission function (which asks the
 *       catalog to apply the conditions), until the page is full. Hidden results are never
 *       returned; the count is given only when every candidate was decided, so it counts readable
 *       ones alone. At most {@link #MAX_CANDIDATES} candidates are decided for one query.
 * </ul>
 *
 * Services and static tokens read everything, as the platform lets them through elsewhere.
 */
final class ReadableResults {
  static final Permission ENTITY_READ = Permission.resource("catalog.entity.read", "read", "catalog-entity");
  static final int CHUNK = 100;
  static final int MAX_CANDIDATES = QueryParameters.MAX_OFFSET;

  /** The page's results (and one more when another page follows), and the count when known. */
  record Found(List<ResultPage.Hit> hits, Long total) {}

  private final SearchEngine engine;
  private final PermissionClient permissions;

  /** {@code permissions} is null when the permission framework is off. */
  ReadableResults(SearchEngine engine, PermissionClient permissions) {
    this.engine = engine;
    this.permissions = permissions;
  }

  Found find(Request request, SearchQuery query) {
    Identity caller = request.identity();
    if (permissions == null || caller.kind() != Identity.Kind.USER) {
      ResultPage page = engine.query(query);
      return new Found(page.hits(), page.total());
    }
    Decision overall = permissions.authorize(caller, () -> authorization(request), List.of(new PermissionClient.Item(ENTITY_READ, null))).getFirst();
    return switch (overall.result()) {
      case ALLOW -> {
        ResultPage page = engine.query(query);
        yield new Found(page.hits(), page.total());
      }
      case DENY -> new Found(List.of(), 0L);
      case CONDITIONAL -> filtered(request, caller, query);
    };
  }

  private Found filtered(Request request, Identity caller, SearchQuery query) {
    // query.limit() is the page size plus one: the extra one says whether a next page exists.
    int wanted = query.offset() + query.limit();
    List<ResultPage.Hit> readable = new ArrayList<>();
    int scanned = 0;
    boolean exhausted = false;
    while (readable.size() < wanted) {
      if (scanned >= MAX_CANDIDATES) {
        break;
      }
      ResultPage chunk = engine.query(new SearchQuery(query.term(), query.types(), query.filters(), scanned, CHUNK));
      List<ResultPage.Hit> hits = chunk.hits();
      if (!hits.isEmpty()) {
        List<PermissionClient.Item> items = hits.stream().map(hit -> new PermissionClient.Item(ENTITY_READ, hit.resourceRef())).toList();
        List<Decision> decisions = permissions.authorize(caller, () -> authorization(request), items);
        for (int i = 0; i < hits.size(); i++) {
          // A document without a resource ref has no entity to read it through: hidden.
          if (hits.get(i).resourceRef() != null && decisions.get(i).result() == Decision.Result.ALLOW) {
            readable.add(hits.get(i));
          }
        }
      }
      scanned += hits.size();
      if (hits.size() < CHUNK) {
        exhausted = true;
        break;
      }
    }
    List<ResultPage.Hit> page = readable.size() <= query.offset() ? List.of() : readable.subList(query.offset(), Math.min(readable.size(), wanted));
    return new Found(page, exhausted ? (long) readable.size() : null);
  }

  private static String authorization(Request request) {
    return request.header("Authorization").orElse("");
  }
}
