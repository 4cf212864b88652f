package dev.backlot.search.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.permission.PermissionClient;
import dev.backlot.search.engine.Highlights;
import dev.backlot.search.engine.ResultPage;
import dev.backlot.search.engine.SearchEngine;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backstage's {@code GET /query}: {@code {results: [{type, document, highlight?, rank}],
 * nextPageCursor?, previousPageCursor?, numberOfResults}}, as its search-backend with the
 * PostgreSQL engine answers (rank is the position in the whole result list; the cursor is the page
 * number, base64-encoded).
 */
public final class QueryRoutes {
  private final ReadableResults readable;
  private final Set<String> types;
  private final Highlights highlights;
  private final int maxPageLimit;
  private final int maxTermLength;

  /** {@code permissions} is null when the permission framework is off. */
  public QueryRoutes(SearchEngine engine, PermissionClient permissions, Set<String> types, Highlights highlights, int maxPageLimit, int maxTermLength) {
    this.readable = new ReadableResults(engine, permissions);
    this.types = types;
    this.highlights = highlights;
    this.maxPageLimit = maxPageLimit;
    this.maxTermLength = maxTermLength;
  }

  public void register(Router router) {
    router.get("/query", Access.SIGNED_IN, this::query);
  }

  private Response query(Request request) {
    QueryParameters.Parsed parsed = QueryParameters.parse(request.queryParameters(), types, maxPageLimit, maxTermLength);
    ReadableResults.Found page = readable.find(request, parsed.query());
    ObjectNode body = Json.object();
    ArrayNode results = body.putArray("results");
    List<ResultPage.Hit> hits = page.hits();
    int shown = Math.min(hits.size(), parsed.pageLimit());
    for (int i = 0; i < shown; i++) {
      ResultPage.Hit hit = hits.get(i);
      if (!safeLocation(hit.document().path("location").asText(""))) {
        continue;
      }
      ObjectNode result = results.addObject();
      result.put("type", hit.type());
      result.set("document", hit.document());
      if (!hit.highlight().isEmpty()) {
        ObjectNode highlight = result.putObject("highlight");
        highlight.put("preTag", highlights.preTag());
        highlight.put("postTag", highlights.postTag());
        ObjectNode fields = highlight.putObject("fields");
        for (Map.Entry<String, String> field : hit.highlight().entrySet()) {
          fields.put(field.getKey(), field.getValue());
        }
      }
      result.put("rank", parsed.page() * parsed.pageLimit() + i + 1);
    }
    if (hits.size() > parsed.pageLimit()) {
      body.put("nextPageCursor", QueryParameters.cursor(parsed.page() + 1));
    }
    if (parsed.page() > 0) {
      body.put("previousPageCursor", QueryParameters.cursor(parsed.page() - 1));
    }
    if (page.total() != null) {
      body.put("numberOfResults", page.total());
    }
    return Response.json(200, body);
  }

  /** Backstage drops results whose location is not http(s) or relative: a javascript: link must not reach a page. */
  static boolean safeLocation(String location) {
    try {
      String scheme = URI.create(location).getScheme();
      return scheme == null || scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
