package dev.backlot.search.collate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.search.engine.SearchDocument;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code api-definition} documents from api-docs' HTTP API (never its tables): {@code GET /apis}
 * pages through the stored APIs (the cursor is the offset), and each API's latest version is read
 * as JSON ({@code ?as=json}) and cut into one document per operation. GraphQL definitions, which
 * api-docs serves only as written, have no operations here.
 */
public final class ApiDefinitionCollator implements Collator {
  /** APIs a batch, at most: each definition may be megabytes. */
  static final int MAX_APIS_PER_BATCH = 20;
  /** The largest definition read as JSON: api-docs stores definitions of up to 10 MiB as written. */
  public static final long MAX_DEFINITION_BYTES = 32L * 1024 * 1024;

  private final PluginApi apiDocs;

  public ApiDefinitionCollator(PluginApi apiDocs) {
    this.apiDocs = apiDocs;
  }

  @Override
  public String type() {
    return ApiOperations.TYPE;
  }

  @Override
  public Batch read(String cursor, int size) throws IOException {
    int offset = cursor == null ? 0 : Integer.parseInt(cursor);
    int limit = Math.min(size, MAX_APIS_PER_BATCH);
    JsonNode page = apiDocs.get("/apis?limit=" + limit + "&offset=" + offset).orElseThrow(() -> new IOException("api-docs has no /apis"));
    List<SearchDocument> documents = new ArrayList<>();
    for (JsonNode api : page.path("items")) {
      documents.addAll(operations(api.path("latest")));
    }
    int read = page.path("items").size();
    return new Batch(documents, read < limit ? null : Integer.toString(offset + read));
  }

  private List<SearchDocument> operations(JsonNode version) throws IOException {
    String ref = version.path("entityRef").asText();
    if (version.path("format").asText().equals("graphql") || !ref.startsWith("api:") || !ref.contains("/")) {
      return List.of();
    }
    Optional<JsonNode> definition = apiDocs.get(path(ref) + "/versions/" + encode(version.path("version").asText()) + "/definition?as=json");
    return definition.map(json -> ApiOperations.of(ref.toLowerCase(java.util.Locale.ROOT), version.path("title").asText(""), json)).orElse(List.of());
  }

  private static String path(String apiRef) {
    return "/apis/" + encode(apiRef.substring(4, apiRef.indexOf('/'))) + "/" + encode(apiRef.substring(apiRef.indexOf('/') + 1));
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public Refreshed refresh(Collection<String> keys) throws IOException {
    List<SearchDocument> documents = new ArrayList<>();
    for (String ref : keys) {
      Optional<JsonNode> versions = ref.startsWith("api:") && ref.contains("/") ? apiDocs.get(path(ref) + "/versions") : Optional.empty();
      JsonNode latest = versions.map(v -> v.path("items").path(0)).orElse(null);
      List<SearchDocument> operations = latest == null || latest.isMissingNode() ? List.of() : operations(latest);
      documents.addAll(operations);
    }
    return new Refreshed(documents, List.copyOf(keys));
  }
}
