package dev.backlot.catalog.routes;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.FuzzSeeds;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cursors come back from clients, who may change them: the {@code after} cursor of {@code GET
 * /entities}, the {@code cursor} of {@code GET /entities/by-query} and that of {@code POST
 * /locations/by-query}; the first byte picks the route, the rest is base64-encoded into a cursor
 * as the catalog encodes them, so the fuzzer works on the JSON inside. Every answer is a page or a
 * 400, never a 5xx.
 */
class CursorFuzzTest {
  private static FuzzedCatalog catalog;

  @BeforeAll
  static void start() throws Exception {
    catalog = FuzzedCatalog.start();
  }

  static Stream<byte[]> cursors() {
    return Stream.of(
        FuzzSeeds.choosing(0, "{\"limit\":2,\"offset\":4}"),
        FuzzSeeds.choosing(1, "{\"orderFields\":[{\"field\":\"metadata.name\",\"order\":\"asc\"}],\"isPrevious\":false,\"query\":{\"kind\":\"component\"},"
            + "\"fullTextFilter\":{\"term\":\"pay\",\"fields\":[\"metadata.name\"]},\"orderFieldValues\":[\"payments\",\"7\"],"
            + "\"firstSortFieldValues\":[\"billing\",\"3\"],\"totalItems\":12}"),
        FuzzSeeds.choosing(1, "{\"orderFields\":[],\"isPrevious\":true,\"filter\":[\"kind=group\"],\"orderFieldValues\":[null,\"2\"],\"totalItems\":3}"),
        FuzzSeeds.choosing(2, "{\"query\":{\"type\":\"url\"},\"offset\":1}"));
  }

  @MethodSource("cursors")
  @DictionaryEntries({"limit", "offset", "orderFields", "field", "order", "desc", "isPrevious", "query", "filter",
      "fullTextFilter", "term", "fields", "orderFieldValues", "firstSortFieldValues", "totalItems", "null", "true"})
  @FuzzTest
  void aCursorIsFollowedOrRefusedAsABadRequest(byte[] input) throws Exception {
    if (input.length == 0) {
      return;
    }
    String cursor = Base64.getEncoder().encodeToString(Arrays.copyOfRange(input, 1, input.length));
    switch (Math.floorMod(input[0], 3)) {
      case 0 -> catalog.read("GET", "/entities", Map.of("after", List.of(cursor)), new byte[0]);
      case 1 -> catalog.read("GET", "/entities/by-query", Map.of("cursor", List.of(cursor)), new byte[0]);
      default -> catalog.read("POST", "/locations/by-query", Map.of(), Json.bytes(Map.of("cursor", cursor, "limit", 2)));
    }
  }
}
