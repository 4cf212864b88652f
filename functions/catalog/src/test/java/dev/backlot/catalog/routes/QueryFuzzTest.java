package dev.backlot.catalog.routes;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backlot.testing.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters and predicates from anyone who may read the catalog: the body of {@code POST
 * /entities/by-query} (predicate, order, full-text filter, limit, offset), or lines of {@code
 * filter} parameters of {@code GET /entities/by-query} and {@code GET /entities}; the first byte
 * picks the route. Each is parsed, compiled to SQL and run on SQLite; the answer is a page or a
 * 400, never a 5xx.
 */
class QueryFuzzTest {
  private static FuzzedCatalog catalog;

  @BeforeAll
  static void start() throws Exception {
    catalog = FuzzedCatalog.start();
  }

  static Stream<byte[]> queries() {
    return Stream.of(
        FuzzSeeds.choosing(0, "{\"query\":{\"$all\":[{\"kind\":\"component\"},{\"spec.type\":{\"$in\":[\"service\",\"website\"]}}]},"
            + "\"orderBy\":{\"field\":\"metadata.name\",\"order\":\"desc\"},\"limit\":3}"),
        FuzzSeeds.choosing(0, "{\"query\":{\"$any\":[{\"$not\":{\"metadata.tags\":{\"$exists\":true}}},{\"metadata.name\":{\"$hasPrefix\":\"pay\"}}]},"
            + "\"fullTextFilter\":{\"term\":\"pay\",\"fields\":[\"metadata.name\",\"metadata.title\"]},\"offset\":1}"),
        FuzzSeeds.choosing(0, "{\"query\":{\"relations\":{\"$contains\":{\"type\":\"ownedBy\",\"targetRef\":\"group:default/payments\"}}},"
            + "\"fields\":[\"metadata.name\"]}"),
        FuzzSeeds.choosing(1, "kind=component,spec.type=service\nmetadata.tags.java\nrelations.ownedby=group:default/payments,kind="),
        FuzzSeeds.choosing(2, "kind=api,spec.lifecycle=production\nmetadata.name"));
  }

  @MethodSource("queries")
  @DictionaryEntries({"$all", "$any", "$not", "$exists", "$in", "$hasPrefix", "$contains", "targetRef", "relations", "kind",
      "metadata.name", "spec.type", "orderBy", "fullTextFilter", "limit", "offset", "true"})
  @FuzzTest
  void aQueryIsAnsweredOrRefusedAsABadRequest(byte[] input) throws Exception {
    if (input.length == 0) {
      return;
    }
    byte[] query = Arrays.copyOfRange(input, 1, input.length);
    List<String> filters = List.of(new String(query, StandardCharsets.UTF_8).split("\n"));
    switch (Math.floorMod(input[0], 3)) {
      case 0 -> catalog.read("POST", "/entities/by-query", Map.of(), query);
      case 1 -> catalog.read("GET", "/entities/by-query", Map.of("filter", filters, "limit", List.of("5")), new byte[0]);
      default -> catalog.read("GET", "/entities", Map.of("filter", filters, "limit", List.of("5")), new byte[0]);
    }
  }
}
