package dev.backlot.search.collate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import dev.backlot.search.engine.SearchDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code techdocs} documents of one published site, as Backstage's techdocs collator makes
 * them from mkdocs' {@code search/search_index.json}: one per page and per heading (mkdocs writes
 * both), with the entity's title, kind, namespace, name, type, lifecycle and owner, located at
 * {@code /docs/<namespace>/<kind>/<name>/<path>} where path is mkdocs' ({@code guide/#setup}).
 * Their read permission is the entity's.
 */
public final class TechDocsDocuments {
  public static final String TYPE = "techdocs";
  /** Pages and headings taken from one site, at most. */
  static final int MAX_DOCUMENTS = 2_000;
  /** The longest mkdocs location kept (a page path and anchor). */
  static final int MAX_PATH_LENGTH = 1_024;

  private TechDocsDocuments() {}

  /**
   * The documents of {@code entity}'s site from its search index; {@code folder} is the site's
   * {@code namespace/kind/name} as its URLs spell it.
   */
  public static List<SearchDocument> of(JsonNode entity, String folder, JsonNode searchIndex) {
    JsonNode metadata = entity.path("metadata");
    JsonNode spec = entity.path("spec");
    String ref = CatalogDocuments.ref(entity);
    String[] triplet = folder.split("/", 3);
    String entityTitle = metadata.path("title").isTextual() ? metadata.path("title").asText() : metadata.path("name").asText();
    String type = spec.path("type").isValueNode() ? spec.path("type").asText() : "other";
    String lifecycle = spec.path("lifecycle").asText("");
    String owner = simpleOwner(spec.path("owner").asText(""));
    List<SearchDocument> documents = new ArrayList<>();
    for (JsonNode page : searchIndex.path("docs")) {
      if (documents.size() >= MAX_DOCUMENTS) {
        break;
      }
      String path = page.path("location").asText("");
      if (!safePath(path)) {
        continue;
      }
      ObjectNode document = Json.object()
          .put("title", unescape(page.path("title").asText("")))
          .put("text", unescape(page.path("text").asText("")))
          .put("location", "/docs/" + folder + "/" + path)
          .put("path", path)
          .put("kind", triplet[1]).put("namespace", triplet[0]).put("name", triplet[2])
          .put("entityTitle", entityTitle)
          .put("componentType", type)
          .put("lifecycle", lifecycle)
          .put("owner", owner);
      Map<String, List<String>> fields = new LinkedHashMap<>();
      fields.put("kind", List.of(entity.path("kind").asText()));
      fields.put("namespace", List.of(triplet[0]));
      fields.put("name", List.of(triplet[2]));
      fields.put("type", List.of(type));
      if (!lifecycle.isEmpty()) {
        fields.put("lifecycle", List.of(lifecycle));
      }
      if (!owner.isEmpty()) {
        fields.put("owner", List.of(owner));
      }
      documents.add(new SearchDocument(TYPE, ref + "#" + path, document, fields, ref));
    }
    return documents;
  }

  /**
   * Whether mkdocs' location of a page can stay below the entity's docs: relative, no {@code .} or
   * {@code ..} segment, no scheme, backslash or control character. A published index is outside
   * input; a location such as {@code ../../../logout} must not become a result's link.
   */
  static boolean safePath(String path) {
    if (path.length() > MAX_PATH_LENGTH || path.startsWith("/") || path.indexOf('\\') >= 0 || path.chars().anyMatch(Character::isISOControl)) {
      return false;
    }
    int hash = path.indexOf('#');
    String page = hash < 0 ? path : path.substring(0, hash);
    if (page.indexOf(':') >= 0 || page.indexOf('?') >= 0) {
      return false;
    }
    for (String segment : page.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase("%2e") || segment.toLowerCase(Locale.ROOT).contains("%2e%2e")) {
        return false;
      }
    }
    return true;
  }

  /** {@code group:default/team-a} → {@code team-a}: Backstage's collator gives the owner's name alone. */
  private static String simpleOwner(String owner) {
    return owner.substring(Math.max(owner.indexOf(':'), owner.lastIndexOf('/')) + 1);
  }

  /** The HTML entities mkdocs' index may carry, as Backstage's collator unescapes them (lodash's unescape). */
  static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }
}
