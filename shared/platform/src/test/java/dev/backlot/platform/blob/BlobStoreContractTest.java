package dev.backlot.platform.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One contract, two stores: GCS against a fake speaking the storage API, and a real folder. */
class BlobStoreContractTest {
  @TempDir static Path folder;

  static Stream<BlobStore> stores() {
    return Stream.of(
        // customOptions(false): getOptions() shares one fake that empties itself on every call.
        new GcsBlobStore(LocalStorageHelper.customOptions(false).getService(), "backlot-docs", "api-docs"),
        new FolderBlobStore(folder.resolve("store-" + System.nanoTime())));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void roundTripsContentTypeAndMetadata(BlobStore store) {
    store.put("apis/payments/abc.yaml", "openapi: 3.0.3".getBytes(StandardCharsets.UTF_8), "application/yaml",
        Map.of("entityRef", "api:default/payments", "format", "openapi"));
    Blob blob = store.get("apis/payments/abc.yaml").orElseThrow();
    assertEquals("openapi: 3.0.3", new String(blob.content(), StandardCharsets.UTF_8));
    assertEquals("application/yaml", blob.contentType());
    assertEquals("api:default/payments", blob.metadata().get("entityRef"));
    assertTrue(store.exists("apis/payments/abc.yaml"));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void overwritesDeletesAndMisses(BlobStore store) {
    store.put("a/one", "1".getBytes(), "text/plain", Map.of());
    store.put("a/one", "2".getBytes(), "text/plain", Map.of());
    assertEquals("2", new String(store.get("a/one").orElseThrow().content()));
    assertTrue(store.delete("a/one"));
    assertFalse(store.delete("a/one"));
    assertTrue(store.get("a/one").isEmpty());
    assertFalse(store.exists("never/was"));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void listsByPrefixInOrder(BlobStore store) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String key = String.format("versions/api-%03d.json", i);
      store.put(key, ("{\"v\":" + i + "}").getBytes(), "application/json", Map.of());
      expected.add(key);
    }
    store.put("other/x.json", "{}".getBytes(), "application/json", Map.of());
    assertEquals(expected, store.list("versions/"));
    assertEquals(List.of("versions/api-100.json", "versions/api-101.json"), store.list("versions/api-10").subList(0, 2));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void keysThatCouldEscapeAreRefused(BlobStore store) {
    for (String key : List.of("../x", "a/../../etc/passwd", "/abs", "a//b", "a\\b", "nul\u0000byte", "./a", "a/", "", "k".repeat(2000))) {
      assertThrows(IllegalArgumentException.class, () -> store.put(key, new byte[1], "text/plain", Map.of()), key);
      assertThrows(IllegalArgumentException.class, () -> store.get(key), key);
    }
    assertThrows(IllegalArgumentException.class, () -> store.list("../"));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void fiveMegabyteObjectsRoundTrip(BlobStore store) {
    byte[] big = new byte[5 * 1024 * 1024];
    new Random(42).nextBytes(big);
    store.put("big/spec.json", big, "application/json", Map.of("size", Integer.toString(big.length)));
    assertArrayEquals(big, store.get("big/spec.json").orElseThrow().content());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void metadataFilesAreNotObjects(BlobStore store) throws Exception {
    store.put("doc.yaml", "x".getBytes(), "application/yaml", Map.of());
    assertEquals(List.of("doc.yaml"), store.list(""));
    if (store instanceof FolderBlobStore) {
      assertThrows(IllegalArgumentException.class, () -> store.get("doc.yaml.meta.json"));
      assertTrue(Files.walk(folder).anyMatch(p -> p.toString().endsWith("doc.yaml.meta.json")));
    }
  }
}
